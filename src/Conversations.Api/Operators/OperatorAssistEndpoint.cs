using System.Security.Claims;
using Conversations.Abstractions.Bot;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Conversations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conversations.Api.Operators;

/// <summary>
/// <c>POST /api/v1/conversations/{id}/assist</c>: a summary of the conversation and a suggested reply from the optional
/// AI (the tenant's <c>aiOperatorAssist</c> and the platform's chat model; 422 when either is off).
/// </summary>
public static class OperatorAssistEndpoint
{
    /// <summary>Optional AI: a summary of the conversation and a suggested reply to edit.</summary>
    public static async Task<Ok<OperatorAssist>> AssistAsync(Guid id, ClaimsPrincipal user, IOperatorAssist assist, CancellationToken cancellationToken)
    {
        var help = await assist.AssistAsync(user.TenantId(), id, cancellationToken);
        return TypedResults.Ok(new OperatorAssist(help.Summary, help.SuggestedReply));
    }
}
