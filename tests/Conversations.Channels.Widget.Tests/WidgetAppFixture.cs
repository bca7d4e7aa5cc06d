using System.Net.Http.Json;
using Conversations.Abstractions.Channels;
using Conversations.Grains.Channels;
using Conversations.Testing;

namespace Conversations.Channels.Widget.Tests;

/// <summary>The real host (embedded, demo tenant seeded: widget key "demo") serving on a loopback port.</summary>
public sealed class WidgetAppFixture : IAsyncLifetime
{
    public ConversationsApp App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new ConversationsApp(seedDemo: true);
        BaseAddress = App.StartKestrel();
        Http = new HttpClient { BaseAddress = BaseAddress };
        await Eventually.HoldsAsync(async () => (await Http.PostAsync("/widget/v1/demo/session", JsonContent.Create(new { }))).IsSuccessStatusCode,
            "the demo widget seeded", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }
}
