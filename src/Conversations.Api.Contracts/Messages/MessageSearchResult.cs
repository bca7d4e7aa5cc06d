namespace Conversations.Api.Contracts.Messages;

/// <summary>A message found by search: the message, its customer, relevance, and the text with matches in [[ ]].</summary>
public sealed record MessageSearchResult(ApiMessage Message, Guid CustomerId, double Rank, string Highlight);
