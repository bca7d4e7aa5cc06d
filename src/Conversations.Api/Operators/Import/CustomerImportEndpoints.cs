using System.Security.Claims;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Customers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.Operators.Import;

/// <summary>
/// Bulk import of customers (<c>POST /api/v1/customers/import</c>): a CSV or JSON-lines body read as it streams in,
/// never whole in memory, idempotent by external id, with a report of every refused row.
/// </summary>
public static class CustomerImportEndpoints
{
    /// <summary>The media types the import takes.</summary>
    public static readonly string[] MediaTypes = ["text/csv", "application/x-ndjson", "application/jsonl"];

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapCustomerImportApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/customers").WithTags("Customers").RequireAuthorization(AuthExtensions.OperatorPolicy)
            .MapPost("/import", ImportAsync).RequireRateLimiting(AuthExtensions.WriteLimit)
            .Accepts<string>(MediaTypes[0], MediaTypes[1..])
            .WithSummary($"Import customers by external id from CSV (header row; externalId, name, phones and emails separated by ';', other columns are text attributes) "
                + $"or JSON lines (one push per line, with externalId): streamed, at most {ImportLimits.MaxRows} rows and {ImportLimits.MaxBodyBytes} bytes, "
                + $"a row at most {ImportLimits.MaxRowChars} characters; a re-run changes nothing; refused rows are listed (row, field, reason; up to {ImportLimits.MaxListedErrors})")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Ok<CustomerImportReport>, ProblemHttpResult>> ImportAsync(
        HttpContext http, ClaimsPrincipal user, CustomerImporter importer, CancellationToken cancellationToken)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is null || !MediaTypes.Contains(mediaType, StringComparer.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Content-Type: send the file as {string.Join(", ", MediaTypes)}.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = ImportLimits.MaxBodyBytes;
        }

        var rows = mediaType == "text/csv"
            ? CsvImportReader.ReadAsync(http.Request.Body, cancellationToken)
            : JsonLinesImportReader.ReadAsync(http.Request.Body, cancellationToken);
        try
        {
            return TypedResults.Ok(await importer.ImportAsync(user.TenantId(), rows, cancellationToken));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Import too large",
                detail: $"$: the body is larger than {ImportLimits.MaxBodyBytes} bytes; rows read before the limit were imported, split the file and import the rest (a re-run of rows already imported changes nothing).");
        }
    }
}
