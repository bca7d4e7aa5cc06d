using Conversations.Abstractions.Channels;

namespace Conversations.Persistence.Media;

/// <summary>
/// A customer's file to fetch from its channel and link to its message; queued with the message in one commit.
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Seq">The message's sequence number.</param>
/// <param name="Channel">The channel that keeps the file.</param>
/// <param name="Account">The business's account on that channel (the source downloads through it).</param>
/// <param name="Reference">What the channel's mapper put in <c>FileId</c>.</param>
/// <param name="FileName">The name the customer's file had, if any.</param>
/// <param name="QueuedAt">When the message was stored (the first attempt is due then).</param>
public sealed record MediaFetch(Guid TenantId, Guid ConversationId, long Seq, ChannelKind Channel, string Account, string Reference, string? FileName, DateTimeOffset QueuedAt);
