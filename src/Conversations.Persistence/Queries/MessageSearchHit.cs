using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Queries;

/// <summary>A message found by full-text search.</summary>
/// <param name="Message">The message.</param>
/// <param name="CustomerId">Its customer.</param>
/// <param name="Rank">Relevance (higher is better).</param>
/// <param name="Highlight">The text with matches wrapped in [[ and ]].</param>
public sealed record MessageSearchHit(ChatMessage Message, Guid CustomerId, double Rank, string Highlight);
