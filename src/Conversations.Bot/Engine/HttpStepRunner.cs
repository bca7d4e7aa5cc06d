using System.Globalization;
using System.Text.Json;
using Conversations.Bot.Effects;
using Conversations.Bot.Http;
using Conversations.Bot.Scenarios.Steps;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Engine;

/// <summary>Runs an http step: renders the request, calls the business's system within the step's timeout, and
/// copies values from the JSON answer; any failure goes to <c>onError</c> with an error effect.</summary>
internal sealed class HttpStepRunner(IScenarioHttpClient client, TimeProvider timeProvider)
{
    /// <summary>Longest value kept from an answer: sessions stay small, texts stay readable.</summary>
    private const int MaxValueLength = 1000;

    public async Task<string> RunAsync(HttpStep step, Turn turn, CancellationToken cancellationToken)
    {
        var url = step.Url.Render(turn.Value, TemplateEncoding.Url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return Fail(step, turn, $"the URL '{url}' is not an absolute http(s) URL");
        }

        var request = new ScenarioHttpRequest(
            step.Method,
            uri,
            [.. step.Headers.Select(h => new KeyValuePair<string, string>(h.Key, turn.Render(h.Value)))],
            step.Body?.Render(turn.Value),
            step.Timeout);

        ScenarioHttpResponse response;
        // The engine enforces the timeout too, so a client that ignores it cannot hold the conversation.
        using var timeout = new CancellationTokenSource(step.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            response = await client.SendAsync(request, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(step, turn, $"{Describe(request)} timed out after {step.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (TimeoutException ex)
        {
            return Fail(step, turn, $"{Describe(request)} timed out: {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            return Fail(step, turn, $"{Describe(request)} failed: {ex.Message}");
        }

        if (!response.IsSuccess)
        {
            return Fail(step, turn, $"{Describe(request)} answered HTTP {response.StatusCode.ToString(CultureInfo.InvariantCulture)}");
        }

        if (step.Assign.IsEmpty)
        {
            return step.Next;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            foreach (var assignment in step.Assign)
            {
                var value = assignment.Path.Select(document.RootElement);
                turn.Write(assignment.Variable, value is { Length: > MaxValueLength } ? value[..MaxValueLength] : value);
            }
        }
        catch (JsonException ex)
        {
            return Fail(step, turn, $"{Describe(request)} did not answer JSON: {ex.Message}");
        }

        return step.Next;
    }

    private static string Fail(HttpStep step, Turn turn, string detail)
    {
        turn.Effects.Add(new ScenarioErrorOccurred(ScenarioErrorKind.HttpCallFailed, step.Id, detail));
        return step.OnError;
    }

    // The query string may carry the customer's phone: keep it out of error details.
    private static string Describe(ScenarioHttpRequest request) => $"{request.Method} {request.Url.GetLeftPart(UriPartial.Path)}";
}
