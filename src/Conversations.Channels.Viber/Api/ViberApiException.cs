namespace Conversations.Channels.Viber.Api;

/// <summary>
/// A non-zero <c>status</c> Viber answered a call with (HTTP 200 and <c>{"status":6,"status_message":"notSubscribed"}</c>,
/// developers.viber.com/docs/api/rest-bot-api/#error-codes). Classified by <see cref="Status"/>, never by the message.
/// </summary>
public sealed class ViberApiException(int status, string statusMessage, string method) : Exception($"{method}: {status} {statusMessage}")
{
    /// <summary>Viber's <c>status</c>.</summary>
    public int Status { get; } = status;

    /// <summary>Viber's <c>status_message</c>.</summary>
    public string StatusMessage { get; } = statusMessage;

    /// <summary>The method that failed.</summary>
    public string Method { get; } = method;
}
