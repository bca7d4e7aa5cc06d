namespace Conversations.Api.Contracts.Conversations;

/// <summary>What the optional AI offers the operator of a conversation; both parts are the model's, marked as such in the console.</summary>
/// <param name="Summary">A short summary of the conversation so far (null when the model gave none in time).</param>
/// <param name="SuggestedReply">A reply the operator may edit and send; it is never sent by itself (null when the model gave none in time).</param>
public sealed record OperatorAssist(string? Summary, string? SuggestedReply);
