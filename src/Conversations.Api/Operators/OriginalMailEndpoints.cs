using System.Security.Claims;
using Conversations.Abstractions.Common;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Messages;
using Conversations.Channels.Email;
using Conversations.Persistence.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.Operators;

/// <summary>
/// The whole original of a customer's mail, one click away from its message in the console: rendered for reading
/// (<see cref="EmailOriginalRenderer"/>) and downloadable as the stored <c>.eml</c>. Scoped to the caller's tenant: another
/// tenant's conversation or message, a message that did not come by mail, or a mail whose original retention deleted is
/// simply not found.
/// </summary>
public static class OriginalMailEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapOriginalMailApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Conversations").RequireAuthorization(AuthExtensions.OperatorPolicy)
            .MapGet("/conversations/{id:guid}/messages/{messageId:guid}/original", GetAsync)
            .WithSummary("The whole original of the mail a customer's message came from: headers, sanitised HTML (remote images only with remoteImages=true), text, attachments, and the stored .eml's media id")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<OriginalMail>, ProblemHttpResult>> GetAsync(Guid id, Guid messageId, ClaimsPrincipal user, IMailOriginalStore originals,
        IMediaStore media, HttpContext http, bool remoteImages = false)
    {
        try
        {
            return await ReadAsync(id, messageId, user.TenantId(), originals, media, http, remoteImages);
        }
        catch (MediaStorageUnavailableException ex)
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "File store unavailable");
        }
    }

    private static async Task<Ok<OriginalMail>> ReadAsync(Guid id, Guid messageId, Guid tenant, IMailOriginalStore originals, IMediaStore media,
        HttpContext http, bool remoteImages)
    {
        if (await originals.FindAsync(tenant, id, messageId, http.RequestAborted) is not { } mediaId
            || await media.FindAsync(tenant, mediaId, http.RequestAborted) is not { } stored
            || await media.ReadAsync(tenant, mediaId, http.RequestAborted) is not { } raw)
        {
            throw DomainException.NotFound("No original mail is kept for this message.");
        }

        EmailOriginalView view;
        try
        {
            view = EmailOriginalRenderer.Render(raw, remoteImages);
        }
        catch (FormatException ex)
        {
            // MimeKit parses what it can of almost anything; a stored file it cannot read at all is still not a 500.
            throw DomainException.NotFound($"The original mail cannot be read: {ex.Message}");
        }

        // The rendered HTML is the operator's to see, not a cache's to keep.
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(new OriginalMail(messageId, mediaId, stored.Size, view.Subject, view.From, view.To, view.Cc, view.Date, view.Html, view.Text,
            view.RemoteImages, view.RemoteImagesShown, [.. view.Attachments.Select(a => new OriginalMailAttachment(a.FileName, a.ContentType))]));
    }
}
