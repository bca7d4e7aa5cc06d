using System.Security.Claims;
using Conversations.Abstractions.Common;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Media;
using Conversations.Api.Media;
using Conversations.Channels.Media;
using Conversations.Persistence.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Conversations.Api.Operators;

/// <summary>
/// The tenant's files: upload (multipart), download (authenticated, or by a short-lived signed link for
/// <c>&lt;img&gt;</c>), with the sniffed type, ranges, caching and never an active type (HTML, SVG) inline. With
/// <c>thumbnail=true</c> a large image comes as a small server-made preview (<see cref="MediaThumbnails"/>).
/// </summary>
public static class MediaEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/media").WithTags("Media");
        api.MapPost("", UploadAsync).RequireAuthorization(AuthExtensions.OperatorPolicy).DisableAntiforgery()
            .WithSummary("Upload a file (multipart field \"file\"); its type is told from its bytes")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{id:guid}", DownloadAsync).RequireAuthorization(AuthExtensions.OperatorPolicy)
            .WithSummary("A stored file's bytes (ranges supported); thumbnail=true: a large image as a preview of at most 320 pixels (WebP)")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status206PartialContent)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/{id:guid}/link", LinkAsync).RequireAuthorization(AuthExtensions.OperatorPolicy)
            .WithSummary("A short-lived link to the file that needs no login header (for <img>)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/signed", SignedAsync).AllowAnonymous()
            .WithSummary("A stored file's bytes by a signed link; thumbnail=true: a large image as a preview of at most 320 pixels (WebP)")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status206PartialContent)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{id:guid}/signed/{fileName}", SignedNamedAsync).AllowAnonymous()
            .WithSummary("The same as /signed, the file's name as the last path segment (for platforms that tell the type from the URL's extension: Viber)")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status206PartialContent)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Created<StoredFile>, ProblemHttpResult>> UploadAsync(HttpRequest request, ClaimsPrincipal user, MediaIntake intake)
    {
        if (!request.HasFormContentType)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "file", "Send the file as multipart/form-data in a part named \"file\".");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (form.Files.GetFile("file") is not { } file)
        {
            return Problem(StatusCodes.Status400BadRequest, "file", "A part named \"file\" with the file is required.");
        }

        try
        {
            await using var content = file.OpenReadStream();
            var stored = await intake.StoreAsync(user.TenantId(), content, file.FileName, file.Length, request.HttpContext.RequestAborted);
            return TypedResults.Created($"/api/v1/media/{stored.MediaId}",
                new StoredFile(stored.MediaId, stored.ContentType, stored.Size, stored.FileName, stored.Sha256Hex));
        }
        catch (MediaStorageUnavailableException unavailable)
        {
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(detail: unavailable.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "File store unavailable");
        }
        catch (MediaRefusedException refused)
        {
            return Problem(refused.Refusal switch
            {
                MediaRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
                MediaRefusal.TypeNotAllowed => StatusCodes.Status415UnsupportedMediaType,
                MediaRefusal.QuotaExceeded => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            }, "file", refused.Message);
        }
    }

    private static async Task<IResult> DownloadAsync(Guid id, ClaimsPrincipal user, IMediaStore store, MediaThumbnails thumbnails, HttpContext http, bool thumbnail = false) =>
        await ServeAsync(user.TenantId(), id, store, thumbnail ? thumbnails : null, http, "private, max-age=31536000, immutable");

    private static async Task<Ok<MediaLink>> LinkAsync(Guid id, ClaimsPrincipal user, IMediaStore store, MediaLinkSigner signer, TimeProvider time)
    {
        var tenant = user.TenantId();
        if (await store.FindAsync(tenant, id) is null)
        {
            throw NotFound();
        }

        var expiresAt = time.GetUtcNow() + MediaLinkSigner.Lifetime;
        return TypedResults.Ok(new MediaLink(await signer.SignAsync(tenant, id, expiresAt), expiresAt));
    }

    private static async Task<IResult> SignedAsync(Guid id, string? tenant, long? expires, string? signature, IMediaStore store, MediaLinkSigner signer,
        MediaThumbnails thumbnails, TimeProvider time, HttpContext http, bool thumbnail = false)
    {
        // A bad, expired or foreign signature looks like a missing file: nothing to probe.
        if (!Guid.TryParseExact(tenant, "N", out var tenantId) || expires is not { } until
            || !await signer.VerifyAsync(tenantId, id, until, signature, time.GetUtcNow()))
        {
            throw NotFound();
        }

        var maxAge = Math.Max(0, until - time.GetUtcNow().ToUnixTimeSeconds());
        return await ServeAsync(tenantId, id, store, thumbnail ? thumbnails : null, http, $"private, max-age={maxAge}");
    }

    private static Task<IResult> SignedNamedAsync(Guid id, string fileName, string? tenant, long? expires, string? signature, IMediaStore store,
        MediaLinkSigner signer, MediaThumbnails thumbnails, TimeProvider time, HttpContext http) =>
        SignedAsync(id, tenant, expires, signature, store, signer, thumbnails, time, http);

    private static async Task<IResult> ServeAsync(Guid tenantId, Guid id, IMediaStore store, MediaThumbnails? thumbnails, HttpContext http, string cacheControl)
    {
        try
        {
            return await ServeStoredAsync(tenantId, id, store, thumbnails, http, cacheControl);
        }
        catch (MediaStorageUnavailableException ex)
        {
            // The bucket is down or lost the object: a passing failure to retry, never a stack trace.
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "File store unavailable");
        }
    }

    private static async Task<IResult> ServeStoredAsync(Guid tenantId, Guid id, IMediaStore store, MediaThumbnails? thumbnails, HttpContext http, string cacheControl)
    {
        if (await store.FindAsync(tenantId, id, http.RequestAborted) is not { } media)
        {
            throw NotFound();
        }

        var headers = http.Response.Headers;
        headers.CacheControl = cacheControl;
        headers.XContentTypeOptions = "nosniff";
        // Even a file opened directly in a tab runs nothing and loads nothing.
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";
        if (thumbnails is not null && media.ContentType.StartsWith("image/", StringComparison.Ordinal)
            && await store.ReadAsync(tenantId, id, http.RequestAborted) is { } bytes
            && thumbnails.Get(tenantId, id, bytes) is { } preview)
        {
            headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = $"{Path.GetFileNameWithoutExtension(media.FileName ?? id.ToString("N"))}-preview.webp" }.ToString();
            return TypedResults.File(preview, "image/webp", lastModified: media.CreatedAt, entityTag: new EntityTagHeaderValue($"\"{media.Sha256Hex}-{MediaThumbnails.MaxEdge}\""));
        }

        var inline = MediaSniffer.IsInlineSafe(media.ContentType);
        var name = media.FileName ?? $"{id:N}";
        headers.ContentDisposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment") { FileNameStar = name }.ToString();
        // Markup is never handed to a browser under its own type: it downloads as bytes.
        var type = MediaSniffer.IsActive(media.ContentType) ? MediaSniffer.Unknown : media.ContentType;
        // Read lazily: a range request reads only its part from the store (a bucket's ranged GetObject). The first part
        // is read here, so a failing store is a 503 rather than a response cut off after its headers.
        var content = new StoredMediaStream(store, media);
        await content.PrimeAsync(RangeStart(http.Request, media.Size), http.RequestAborted);
        return TypedResults.File(content, type, lastModified: media.CreatedAt, entityTag: new EntityTagHeaderValue($"\"{media.Sha256Hex}\""), enableRangeProcessing: true);
    }

    /// <summary>Where the first range of the request starts (0 without one, or one ASP.NET Core will not honour).</summary>
    private static long RangeStart(HttpRequest request, long size)
    {
        var range = request.GetTypedHeaders().Range;
        if (range is not { Ranges.Count: 1 } || !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var first = range.Ranges.First();
        return first.From ?? Math.Max(0, size - (first.To ?? 0));
    }

    private static DomainException NotFound() => DomainException.NotFound("No such file.");

    private static ProblemHttpResult Problem(int status, string field, string reason) =>
        TypedResults.Problem(detail: reason, statusCode: status, title: "File refused", extensions: new Dictionary<string, object?> { ["field"] = field });
}
