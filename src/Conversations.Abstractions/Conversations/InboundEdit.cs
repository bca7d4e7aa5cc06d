using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Abstractions.Conversations;

/// <summary>A customer edited a message they sent earlier.</summary>
/// <param name="Identity">Who edited.</param>
/// <param name="ChannelMessageId">The channel's id of the edited message.</param>
/// <param name="NewContent">The content after the edit.</param>
/// <param name="EditedAt">When the channel says it was edited.</param>
[GenerateSerializer, Immutable, Alias("conv.InboundEdit")]
public sealed record InboundEdit(
    [property: Id(0)] ChannelIdentityKey Identity,
    [property: Id(1)] string ChannelMessageId,
    [property: Id(2)] MessageContent NewContent,
    [property: Id(3)] DateTimeOffset EditedAt);
