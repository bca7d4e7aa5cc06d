using System.Net;

namespace Conversations.Client;

/// <summary>The API refused a request; <see cref="Detail"/> is its explanation (from the ProblemDetails body).</summary>
public sealed class ConversationsApiException : Exception
{
    /// <summary>Creates the exception for an answer with <paramref name="status"/>.</summary>
    public ConversationsApiException(HttpStatusCode status, string title, string detail)
        : base($"{title}: {detail}")
    {
        Status = status;
        Title = title;
        Detail = detail;
    }

    /// <summary>Creates the exception for a refusal under a named rule (a 422 with <c>rule</c>, e.g. <c>whatsapp.24h_window</c>).</summary>
    public ConversationsApiException(HttpStatusCode status, string title, string detail, string? rule)
        : this(status, title, detail)
    {
        Rule = rule;
    }

    /// <summary>The HTTP status (404 not found, 409 conflict, 422 not allowed now, 401 not signed in...).</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's short title ("Conflict", "Not found").</summary>
    public string Title { get; }

    /// <summary>What went wrong, in words meant for the operator.</summary>
    public string Detail { get; }

    /// <summary>The rule a refusal names (<c>customer.no_identity</c>, <c>whatsapp.24h_window</c>...), or null.</summary>
    public string? Rule { get; }

    /// <summary>True for answers that may succeed if sent again later (429, 5xx).</summary>
    public bool IsTransient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)Status >= 500;
}
