using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// An open live feed keeps only the rights its operator has now: a new password, a new role, removal or the token's
/// expiry end it with <c>signed-out</c>, and the old token cannot open it again.
/// </summary>
public sealed class FeedAccessTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    /// <summary>Shorter than the stream's own 20 s renewal: the change itself must end the stream, not the next renewal.</summary>
    private static readonly TimeSpan SoonerThanRenewal = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("password")]
    [InlineData("role")]
    [InlineData("removal")]
    public async Task An_open_feed_ends_with_signed_out_as_soon_as_the_operators_access_changes(string change)
    {
        using var admin = await fixture.DemoAsync();
        var username = "op" + Guid.NewGuid().ToString("N")[..6];
        var created = await (await admin.PostAsync("/api/v1/admin/operators", new { username, displayName = "Ada", role = "Admin", capacity = 3, password = "ada-password" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var operatorPath = $"/api/v1/admin/operators/{created.GetProperty("operatorId").GetGuid()}";
        using var ada = await ApiSession.SignInAsync(fixture.NewClient(), "demo", username, "ada-password");
        using var feed = await FeedEvents.OpenAsync(ada.Http);
        await feed.UntilAsync(e => e.Type == "replayed");

        var changed = change switch
        {
            "password" => await admin.Http.PatchAsJsonAsync(operatorPath, new { password = "ada-new-password" }),
            "role" => await admin.Http.PatchAsJsonAsync(operatorPath, new { role = "Operator" }),
            _ => await admin.Http.DeleteAsync(operatorPath),
        };
        changed.EnsureSuccessStatusCode();

        var next = await feed.UntilAsync(e => e.Type == "signed-out", SoonerThanRenewal);
        Assert.Equal("signed-out", next[^1].Type);
        Assert.Null(await feed.NextAsync(SoonerThanRenewal)); // the stream has ended
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        var reopened = await ada.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, reopened.StatusCode);
    }

    [Fact]
    public async Task A_feed_of_an_unchanged_operator_stays_open_when_someone_elses_access_changes()
    {
        using var admin = await fixture.DemoAsync();
        var username = "op" + Guid.NewGuid().ToString("N")[..6];
        var created = await (await admin.PostAsync("/api/v1/admin/operators", new { username, displayName = "Bo", role = "Operator", capacity = 3, password = "bo-password" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        using var feed = await FeedEvents.OpenAsync(admin.Http);
        await feed.UntilAsync(e => e.Type == "replayed");

        (await admin.Http.PatchAsJsonAsync($"/api/v1/admin/operators/{created.GetProperty("operatorId").GetGuid()}", new { password = "bo-new-password" }))
            .EnsureSuccessStatusCode();
        var conversation = await fixture.VisitorWritesAsync("demo", "a message after someone else's password changed");

        var events = await feed.UntilAsync(e => e.Type == "conversation" && e.IsAbout(conversation));
        Assert.DoesNotContain(events, e => e.Type == "signed-out");
    }
}

/// <summary>A feed outliving its token: the stream's renewal runs on the host's clock, so a fake clock drives it here.</summary>
public sealed class FeedExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ConversationsApp _app = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _app = new ConversationsApp(time: _clock, seedDemo: true, settings: new Dictionary<string, string?>
        {
            ["Auth:LoginAttemptsPerMinute"] = "1000",
            ["Auth:TokenLifetime"] = TokenLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
        _address = _app.StartKestrel();
        await Eventually.HoldsAsync(async () =>
        {
            using var http = new HttpClient { BaseAddress = _address };
            return (await http.PostAsJsonAsync("/api/v1/auth/login", new { tenant = "demo", username = "demo", password = "demo-password" })).IsSuccessStatusCode;
        }, "the demo tenant seeded", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_feed_ends_with_signed_out_at_the_first_renewal_after_its_token_expired()
    {
        using var demo = await ApiSession.SignInAsync(new HttpClient { BaseAddress = _address }, "demo", "demo", "demo-password");
        using var feed = await FeedEvents.OpenAsync(demo.Http);
        var seen = new ConcurrentQueue<FeedEvents.FeedEvent>();
        var reading = Task.Run(async () =>
        {
            while (await feed.NextAsync(TimeSpan.FromMinutes(2)) is { } next)
            {
                seen.Enqueue(next);
            }
        });
        await Eventually.HoldsAsync(() => seen.Any(e => e.Type == "replayed"), "the replay's end");

        // The stream arms its renewal on the fake clock when it gets there, so the clock moves in steps until it fired:
        // a renewal while the token is valid, and the stream goes on.
        await Eventually.AdvanceUntilAsync(_clock, TimeSpan.FromSeconds(21), TimeSpan.FromMinutes(10),
            () => Task.FromResult(seen.Any(e => e.Type == "ping")), "a renewal while the token is valid");
        Assert.DoesNotContain(seen, e => e.Type == "signed-out");

        _clock.Advance(TokenLifetime); // past the token's lifetime
        await Eventually.AdvanceUntilAsync(_clock, TimeSpan.FromSeconds(21), TimeSpan.FromMinutes(5),
            () => Task.FromResult(seen.Any(e => e.Type == "signed-out")), "the stream signed out");

        await reading.WaitAsync(TimeSpan.FromSeconds(10)); // the server ended the stream
        Assert.Equal("signed-out", seen.Last().Type);
    }
}
