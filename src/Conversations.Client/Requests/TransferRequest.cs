namespace Conversations.Client.Requests;

internal sealed record TransferRequest(Guid OperatorId);
