using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Abstractions.Conversations;

/// <summary>A customer's message as a channel gateway maps it at the edge.</summary>
/// <param name="Identity">Who wrote it, as the channel knows them.</param>
/// <param name="ReplyTo">Where replies go.</param>
/// <param name="DedupKey">The channel's delivery id (a Telegram update id): a redelivery with the same key is stored once.</param>
/// <param name="ChannelMessageId">The channel's id of the message (used to apply edits).</param>
/// <param name="Content">What the message carries.</param>
/// <param name="SentAt">When the channel says it was sent.</param>
/// <param name="Sender">What the channel tells about the sender (name, username, language).</param>
/// <param name="Verified">What the channel vouches for about this identity (a phone, an e-mail, the business's id of the person): the mapper fills it, linking uses it.</param>
/// <param name="Thread">The channel's thread of the message (e-mail), which picks its conversation; null on channels without threads (the customer's current conversation).</param>
/// <param name="Referral">The parameter of the deep link the customer came by, where the channel passes it beside the text (a VK message's <c>ref</c>): a "continue in messenger" token there links the identity like one in the text.</param>
[GenerateSerializer, Immutable, Alias("conv.InboundMessage")]
public sealed record InboundMessage(
    [property: Id(0)] ChannelIdentityKey Identity,
    [property: Id(1)] ChannelAddress ReplyTo,
    [property: Id(2)] string DedupKey,
    [property: Id(3)] string? ChannelMessageId,
    [property: Id(4)] MessageContent Content,
    [property: Id(5)] DateTimeOffset SentAt,
    [property: Id(6)] SenderProfile Sender,
    [property: Id(7)] Customers.VerifiedFacts? Verified = null,
    [property: Id(8)] InboundThread? Thread = null,
    [property: Id(9)] string? Referral = null);
