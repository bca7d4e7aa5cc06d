using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Outbox;

/// <summary>An outbound message to deliver, committed together with the message itself.</summary>
public sealed record OutboxItem(Guid MessageId, Guid TenantId, Guid ConversationId, ChannelAddress To, MessageContent Content, DateTimeOffset CreatedAt);
