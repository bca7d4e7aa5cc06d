using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Api.Contracts.Media;
using Conversations.Api.Contracts.Widget;
using Conversations.Channels.Abuse;
using Conversations.Channels.Accounts;
using Conversations.Channels.Media;
using Conversations.Persistence.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Channels.Widget;

/// <summary>
/// Visitors' files: <c>POST /widget/v1/{account}/media</c> takes a file (multipart part <c>file</c>) with the visitor's
/// token, through the same <see cref="MediaIntake"/> as operators' uploads (type sniffed from the bytes, the tenant's
/// size, type and quota limits), and answers its media id, which the visitor then sends as a message. Uploads count
/// against the same abuse limits as messages.
/// </summary>
public static class WidgetMediaEndpoints
{
    /// <summary>Maps the upload on the visitor API's group.</summary>
    public static void Map(RouteGroupBuilder visitor) =>
        visitor.MapPost("/media", UploadAsync).DisableAntiforgery()
            .WithSummary("Upload a visitor's file (multipart part \"file\"; its type is told from its bytes), then send its mediaId as a message")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>
    /// The stored file a message request names by <c>mediaId</c> (looked up in the widget's tenant only), null when it
    /// names none; an unknown id is refused naming the field.
    /// </summary>
    public static async Task<StoredMedia?> FileOfAsync(IMediaStore media, ChannelAccount widget, WidgetMessageRequest request, CancellationToken cancellationToken)
    {
        if (request.MediaId is not { } mediaId)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(request.Payload))
        {
            throw DomainException.Invalid("Send a file (mediaId) or the payload of a button, not both.");
        }

        return await media.FindAsync(widget.TenantId, mediaId, cancellationToken)
            ?? throw DomainException.NotFound("mediaId: no such file; upload it first (POST /widget/v1/{account}/media).");
    }

    private static async Task<Results<Created<StoredFile>, ProblemHttpResult>> UploadAsync(
        string account, HttpRequest http, ChannelAccountCache accounts, WidgetVisitorTokens tokens, AbuseLimiter limiter, MediaIntake intake)
    {
        if (limiter.TryAcquire(AbuseLimit.WidgetMessagesPerIp, ClientAddress.PartitionOf(http.HttpContext)) is { } tooManyFromAddress)
        {
            return tooManyFromAddress.ToProblem(http.HttpContext.Response);
        }

        if (await WidgetVisitorEndpoints.FindAsync(accounts, account) is not { } widget)
        {
            return WidgetVisitorEndpoints.UnknownWidget();
        }

        if (await tokens.ValidateAsync(account, WidgetVisitorEndpoints.BearerToken(http)) is not { } visitorId)
        {
            return WidgetVisitorEndpoints.InvalidToken();
        }

        if (limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, visitorId.ToString("N")) is { } tooManyFromVisitor)
        {
            return tooManyFromVisitor.ToProblem(http.HttpContext.Response);
        }

        if (!http.HasFormContentType)
        {
            return Refused(StatusCodes.Status415UnsupportedMediaType, "Send the file as multipart/form-data in a part named \"file\".");
        }

        var form = await http.ReadFormAsync(http.HttpContext.RequestAborted);
        if (form.Files.GetFile("file") is not { } file)
        {
            return Refused(StatusCodes.Status400BadRequest, "A part named \"file\" with the file is required.");
        }

        try
        {
            await using var content = file.OpenReadStream();
            var stored = await intake.StoreAsync(widget.TenantId, content, file.FileName, file.Length, http.HttpContext.RequestAborted);
            return TypedResults.Created($"/api/v1/media/{stored.MediaId}",
                new StoredFile(stored.MediaId, stored.ContentType, stored.Size, stored.FileName, stored.Sha256Hex));
        }
        catch (MediaRefusedException refused)
        {
            return Refused(refused.Refusal switch
            {
                MediaRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
                MediaRefusal.TypeNotAllowed => StatusCodes.Status415UnsupportedMediaType,
                MediaRefusal.QuotaExceeded => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            }, refused.Message);
        }
    }

    private static ProblemHttpResult Refused(int status, string reason) =>
        TypedResults.Problem(detail: reason, statusCode: status, title: "File refused", extensions: new Dictionary<string, object?> { ["field"] = "file" });
}
