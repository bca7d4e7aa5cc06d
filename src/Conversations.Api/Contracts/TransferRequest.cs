namespace Conversations.Api.Contracts;

/// <summary>Passing a chat to a colleague.</summary>
public sealed record TransferRequest(Guid OperatorId);
