using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Api.Console;

namespace Conversations.Api.Tests;

/// <summary>Stopping the host (a rolling update) with event streams open; a host of its own, since the test stops it.</summary>
public sealed class ShutdownTests
{
    // Far below the host's 30 s shutdown timeout, after which Kestrel cuts the streams that have not ended.
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Open_event_streams_end_cleanly_as_soon_as_the_host_stops()
    {
        var fixture = new ApiFixture();
        await fixture.InitializeAsync();
        try
        {
            using var demo = await fixture.DemoAsync();
            using var feed = await FeedEvents.OpenAsync(demo.Http);
            await feed.UntilAsync(e => e.Type == "ready");
            using var visitor = fixture.NewClient();
            using var widgetEvents = await OpenWidgetStreamAsync(visitor);

            var stopping = fixture.App.DisposeAsync().AsTask();

            // Each stream reaches its end (EOF: the response completed; a cut connection would throw instead), then the host stops.
            while (await feed.NextAsync(Promptly) is not null)
            {
            }

            await widgetEvents.ReadToEndAsync().WaitAsync(Promptly);
            await stopping.WaitAsync(Promptly);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    /// <summary>A visitor writes once and opens their event stream; returns it with its first message read.</summary>
    private static async Task<StreamReader> OpenWidgetStreamAsync(HttpClient http)
    {
        var session = await (await http.PostAsJsonAsync("/widget/v1/demo/session", new { })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
        (await http.PostAsJsonAsync("/widget/v1/demo/messages", new { clientMessageId = "hello", text = "hello" })).EnsureSuccessStatusCode();
        var response = await http.GetAsync("/widget/v1/demo/events", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(Promptly);
        while (await reader.ReadLineAsync(timeout.Token) is { } line && !line.StartsWith("data: {", StringComparison.Ordinal))
        {
        }

        return reader;
    }
}
