using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Conversations;

/// <summary>The messaging window of one channel: until when the business may still write to the customer there.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="LastCustomerMessageAt">The customer's last message on it: the window's start.</param>
/// <param name="BotClosesAt">End of the window for bot messages; null = no limit.</param>
/// <param name="HumanClosesAt">End of the window for a human operator's messages; null = no limit.</param>
/// <param name="Rule">The channel's rule, as named in refusals.</param>
public sealed record MessagingWindow(
    ChannelKind Channel,
    DateTimeOffset LastCustomerMessageAt,
    DateTimeOffset? BotClosesAt,
    DateTimeOffset? HumanClosesAt,
    string Rule);
