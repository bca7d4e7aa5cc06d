using System.Net.Http.Json;
using Conversations.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Widget.Tests;

/// <summary>
/// The real host on a fake clock with tiny abuse limits, serving on loopback and trusting loopback as a proxy, so
/// tests choose a client address with <c>X-Forwarded-For</c>. Each test makes its own widget (per-widget limits).
/// </summary>
public sealed class WidgetLimitsFixture : IAsyncLifetime
{
    private int _widgets;
    private int _addresses;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    public ConversationsApp App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>A client without the platform key, as a visitor's browser (one credential per request).</summary>
    public HttpClient Visitors { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new ConversationsApp(time: Clock, seedDemo: true, settings: new Dictionary<string, string?>
        {
            ["AbuseLimits:WidgetSessionsPerIp:Burst"] = "3",
            ["AbuseLimits:WidgetSessionsPerIp:PerMinute"] = "1",
            ["AbuseLimits:WidgetMessagesPerVisitor:Burst"] = "2",
            ["AbuseLimits:WidgetMessagesPerVisitor:PerMinute"] = "1",
            ["AbuseLimits:WidgetMessagesPerIp:Burst"] = "3",
            ["AbuseLimits:WidgetMessagesPerIp:PerMinute"] = "1",
            ["AbuseLimits:NewConversationsPerWidget:Burst"] = "2",
            ["AbuseLimits:NewConversationsPerWidget:PerMinute"] = "1",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["ForwardedHeaders:KnownProxies:1"] = "::1",
        });
        BaseAddress = App.StartKestrel();
        Http = new HttpClient { BaseAddress = BaseAddress };
        Http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        Visitors = new HttpClient { BaseAddress = BaseAddress };
        await Eventually.HoldsAsync(async () => (await Http.PostAsJsonAsync("/api/v1/platform/tenants/demo/widgets", new { title = "Warm-up", key = "warm-up" })).IsSuccessStatusCode,
            "the demo tenant seeded", TimeSpan.FromSeconds(30));
    }

    /// <summary>A new widget of the demo tenant; returns its key.</summary>
    public async Task<string> NewWidgetAsync()
    {
        var key = $"limits-{Interlocked.Increment(ref _widgets)}";
        (await Http.PostAsJsonAsync("/api/v1/platform/tenants/demo/widgets", new { title = "Limits", key })).EnsureSuccessStatusCode();
        return key;
    }

    /// <summary>A client address no other test uses.</summary>
    public string NewAddress() => $"198.51.100.{Interlocked.Increment(ref _addresses)}";

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Visitors.Dispose();
        await App.DisposeAsync();
    }
}
