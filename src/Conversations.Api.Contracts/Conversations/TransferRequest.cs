using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Conversations;

/// <summary>Passing a chat to a colleague, or to a group of colleagues (give one of the two).</summary>
/// <param name="OperatorId">The colleague (any operator of the tenant; <c>GET /api/v1/operators</c> lists them).</param>
/// <param name="Group">A group of operators (their <c>groups</c> in <c>GET /api/v1/operators</c>): the chat waits in the queue for one of its members.</param>
/// <param name="Note">A private note for the colleague (what the customer needs), kept in the history; never sent to the customer.</param>
public sealed record TransferRequest(
    Guid? OperatorId = null,
    [property: MaxLength(FieldLimits.MessageText)] string? Note = null,
    [property: MaxLength(FieldLimits.Label)] string? Group = null);
