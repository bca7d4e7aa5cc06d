using System.Net.Http.Json;
using Conversations.Testing;
using Conversations.Testing.Logs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Widget.Tests;

/// <summary>The real host (embedded, demo tenant seeded: widget key "demo") with its log lines captured.</summary>
public sealed class WidgetIdentityFixture : IAsyncLifetime
{
    public CapturingLoggerProvider Logs { get; } = new();

    public ConversationsApp App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new ConversationsApp(seedDemo: true, services: s => s.AddSingleton<ILoggerProvider>(Logs));
        BaseAddress = App.StartKestrel();
        using var http = new HttpClient { BaseAddress = BaseAddress };
        await Eventually.HoldsAsync(async () => (await http.PostAsync("/widget/v1/demo/session", JsonContent.Create(new { }))).IsSuccessStatusCode,
            "the demo widget seeded", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
