namespace Conversations.Abstractions.Bot;

/// <summary>What the optional AI offers an operator.</summary>
/// <param name="Summary">A short summary of the conversation (null when the model gave none in time).</param>
/// <param name="SuggestedReply">A reply to edit before sending (null when the model gave none in time).</param>
public sealed record OperatorAssistance(string? Summary, string? SuggestedReply);
