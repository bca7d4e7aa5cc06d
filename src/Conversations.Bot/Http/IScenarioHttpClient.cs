namespace Conversations.Bot.Http;

/// <summary>Makes the calls of http steps, so the engine can be tested without a network.</summary>
public interface IScenarioHttpClient
{
    /// <summary>Sends <paramref name="request"/> and returns the status and body, whatever the status.</summary>
    /// <exception cref="TimeoutException">The call took longer than <see cref="ScenarioHttpRequest.Timeout"/>.</exception>
    /// <exception cref="HttpRequestException">The call failed (connection refused, DNS, TLS...).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<ScenarioHttpResponse> SendAsync(ScenarioHttpRequest request, CancellationToken cancellationToken);
}
