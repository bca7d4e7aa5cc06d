using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Conversations;

/// <summary>A message to append, with what the store needs beside the message itself.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="CustomerId">The conversation's customer (for per-customer search).</param>
/// <param name="DedupKey">The channel's delivery id for inbound messages, unique per tenant.</param>
/// <param name="Message">The message.</param>
public sealed record MessageRecord(Guid TenantId, Guid CustomerId, string? DedupKey, ChatMessage Message);
