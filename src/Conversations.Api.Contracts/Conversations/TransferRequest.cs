using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Conversations;

/// <summary>Passing a chat to a colleague.</summary>
/// <param name="OperatorId">The colleague (any operator of the tenant; <c>GET /api/v1/operators</c> lists them).</param>
/// <param name="Note">A private note for the colleague (what the customer needs), kept in the history; never sent to the customer.</param>
public sealed record TransferRequest(Guid OperatorId, [property: MaxLength(FieldLimits.MessageText)] string? Note = null);
