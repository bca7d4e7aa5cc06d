namespace Conversations.Api.Contracts.Conversations;

/// <summary>Passing a chat to a colleague.</summary>
public sealed record TransferRequest(Guid OperatorId);
