using System.Security.Claims;
using Conversations.Abstractions.Conversations;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Conversations;
using Conversations.Channels.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conversations.Api.Operators;

/// <summary>
/// <c>POST /api/v1/conversations/{id}/signals</c>: the operator is typing (only the one who has the chat), or has read
/// the conversation up to a message. Passed on to the customer's widget live and never stored; a closed conversation
/// takes the signal and passes nothing on.
/// </summary>
public static class ConversationSignalEndpoint
{
    /// <summary>Passes the operator's signal on.</summary>
    public static async Task<NoContent> SignalAsync(Guid id, SignalRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var kind = request.FromOperator();
        var conversation = grains.GetGrain<IConversationGrain>(new ConversationKey(user.TenantId(), id).ToGrainKey());
        await conversation.SignalAsync(kind, user.RequireOperatorId(), request.UpToSeq);
        return TypedResults.NoContent();
    }
}
