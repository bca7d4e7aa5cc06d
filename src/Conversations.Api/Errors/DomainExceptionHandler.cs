using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Common;
using Conversations.Channels;
using Conversations.Persistence.Conversations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Conversations.Api.Errors;

/// <summary>
/// Turns exceptions into ProblemDetails with the right status: expected domain failures into 4xx with their message,
/// an unreachable database or a changing cluster into 503 with Retry-After, anything else into a bare 500.
/// </summary>
internal sealed partial class DomainExceptionHandler(IProblemDetailsService problems, ILogger<DomainExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            DomainException { Code: DomainErrorCode.NotFound } e => (StatusCodes.Status404NotFound, "Not found", e.Message),
            DomainException { Code: DomainErrorCode.Conflict } e => (StatusCodes.Status409Conflict, "Conflict", e.Message),
            DomainException { Code: DomainErrorCode.Invalid } e => (StatusCodes.Status400BadRequest, "Invalid request", e.Message),
            DomainException { Code: DomainErrorCode.RuleViolation } e => (StatusCodes.Status422UnprocessableEntity, "Not allowed now", e.Message),
            DomainException { Code: DomainErrorCode.Forbidden } e => (StatusCodes.Status403Forbidden, "Forbidden", e.Message),
            BadHttpRequestException { InnerException: JsonException json } e => (e.StatusCode, "Invalid body", JsonProblem(json)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => (e.StatusCode, "Request body too large", e.Message),
            BadHttpRequestException e => (e.StatusCode, "Bad request", WithoutTypeNames(e.Message)),
            JsonException e => (StatusCodes.Status400BadRequest, "Invalid body", JsonProblem(e)),
            NotSupportedException e when e.TargetSite?.DeclaringType?.Namespace == typeof(JsonException).Namespace =>
                (StatusCodes.Status400BadRequest, "Invalid body", KindlessObjectProblem(e)),
            StoreUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "The database is unreachable; nothing was stored. Retry shortly."),
            _ when GrainCalls.IsTransient(exception) => (StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "The cluster is changing; retry shortly."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "Something went wrong on our side; it has been logged."),
        };

        if (status >= 500)
        {
            LogUnhandled(logger, exception, http.Request.Method, http.Request.Path);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = "1";
        }

        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = Problem(status, title, detail, exception),
        });
    }

    /// <summary>The problem document; a refusal that names its rule carries it as <c>rule</c>, for machines.</summary>
    private static ProblemDetails Problem(int status, string title, string detail, Exception exception)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (exception is DomainException { RuleName: { } rule })
        {
            problem.Extensions["rule"] = rule;
        }

        return problem;
    }

    /// <summary>Which field and why, without .NET type names (they say nothing to a client and expose internals).</summary>
    private static string JsonProblem(JsonException exception)
    {
        var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "The body" : exception.Path;
        var reason = exception.InnerException is InvalidOperationException or FormatException or OverflowException || exception.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "has a value of the wrong type or out of range (enum values are names; numbers must fit the field)"
            : "is not valid JSON";
        return $"{field} {reason} (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine}).";
    }

    /// <summary>
    /// The serializer refuses an object of a polymorphic kind (a message content) that does not say which kind it is.
    /// Its message names the path and the .NET type; only the path is passed on.
    /// </summary>
    private static string KindlessObjectProblem(NotSupportedException exception)
    {
        var path = JsonPath().Match(exception.Message) is { Success: true } match ? match.Groups[1].Value : "The body";
        return $"{path}: the object does not say what kind it is (a \"type\" property such as \"text\" or \"image\" is required).";
    }

    /// <summary>
    /// The framework's binding messages name the parameter with its .NET type (<c>parameter "Guid id"</c>); the client
    /// needs only the name.
    /// </summary>
    private static string WithoutTypeNames(string message) => TypedParameter().Replace(message, "parameter \"$1\"");

    [GeneratedRegex(@"parameter ""[^""]* ([^"" ]+)""")]
    private static partial Regex TypedParameter();

    [GeneratedRegex(@"Path: (\$[^ |]*)")]
    private static partial Regex JsonPath();

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
