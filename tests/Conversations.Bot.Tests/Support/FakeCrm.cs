using Conversations.Abstractions.Bot;
using Conversations.Bot.Http;

namespace Conversations.Bot.Tests.Support;

/// <summary>A scripted stand-in for the business's CRM that records every request.</summary>
internal sealed class FakeCrm(Func<ScenarioHttpRequest, CancellationToken, Task<ScenarioHttpResponse>> handler) : IScenarioHttpClient
{
    public List<ScenarioHttpRequest> Requests { get; } = [];

    public static FakeCrm Answering(int status, string body) => new((_, _) => Task.FromResult(new ScenarioHttpResponse(status, body)));

    public static FakeCrm Throwing(Exception exception) => new((_, _) => Task.FromException<ScenarioHttpResponse>(exception));

    /// <summary>Never answers: only the step's timeout (or the caller) ends the call.</summary>
    public static FakeCrm Hanging() => new(async (_, token) =>
    {
        await Task.Delay(Timeout.Infinite, token);
        throw new InvalidOperationException("unreachable");
    });

    public static FakeCrm Unused() => new((request, _) => throw new InvalidOperationException($"Unexpected call to {request.Url}"));

    public Task<ScenarioHttpResponse> SendAsync(ScenarioHttpRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return handler(request, cancellationToken);
    }
}
