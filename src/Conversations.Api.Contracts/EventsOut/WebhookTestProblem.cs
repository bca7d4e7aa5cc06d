namespace Conversations.Api.Contracts.EventsOut;

/// <summary>The codes of <see cref="WebhookTestResult.Problem"/>.</summary>
public static class WebhookTestProblem
{
    /// <summary>The endpoint answered with a status other than 2xx.</summary>
    public const string Status = "status";

    /// <summary>The URL leads to an address tenants' webhooks may not reach (see the outbound URL policy).</summary>
    public const string Refused = "refused";

    /// <summary>The host name does not resolve.</summary>
    public const string HostNotFound = "host_not_found";

    /// <summary>No connection could be made.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The TLS handshake failed.</summary>
    public const string Tls = "tls";

    /// <summary>No answer in time.</summary>
    public const string Timeout = "timeout";
}
