using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Customers;

/// <summary>One of a customer's accounts on a channel.</summary>
/// <param name="Key">The identity (tenant, channel, business account, external user id).</param>
/// <param name="ReplyTo">Where messages to this identity go.</param>
/// <param name="Unreachable">True when the customer blocked the bot or the channel refuses delivery.</param>
/// <param name="FirstSeenAt">When the customer first wrote from this identity.</param>
/// <param name="VerifiedPhone">The phone number (E.164) the channel vouches this identity owns, when it does.</param>
/// <param name="VerifiedEmail">The e-mail address the channel vouches this identity owns, when it does.</param>
/// <param name="VerifiedExternalId">The business's own id of the person, when the identity proved it (the widget's signed user).</param>
public sealed record ChannelIdentity(
    ChannelIdentityKey Key,
    ChannelAddress ReplyTo,
    bool Unreachable,
    DateTimeOffset FirstSeenAt,
    string? VerifiedPhone = null,
    string? VerifiedEmail = null,
    string? VerifiedExternalId = null);
