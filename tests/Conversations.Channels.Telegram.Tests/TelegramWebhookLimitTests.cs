using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>The per-bot webhook limit: a refused update is not stored, and Telegram's redelivery of it is stored once.</summary>
public sealed class TelegramWebhookLimitTests(TelegramLimitFixture telegram) : IClassFixture<TelegramLimitFixture>
{
    [Fact]
    public async Task An_update_beyond_the_bots_limit_gets_429_is_not_stored_and_its_redelivery_is_stored_once()
    {
        var (first, second, third) = (Fixture.NewUserId(), Fixture.NewUserId(), Fixture.NewUserId());
        Assert.Equal(HttpStatusCode.OK, (await telegram.PostUpdateAsync(Fixture.Load("text", first, text: "one"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await telegram.PostUpdateAsync(Fixture.Load("text", second, text: "two"))).StatusCode);
        var update = Fixture.Load("text", third, text: "three");

        var refused = await telegram.PostUpdateAsync(update);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("TelegramUpdatesPerBot", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("limit").GetString());
        Assert.Null(await telegram.Identity(third).GetCustomerIdAsync());

        // Telegram redelivers an update answered with anything but 2xx; once the bucket has refilled it is taken.
        telegram.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await telegram.PostUpdateAsync(update)).StatusCode);
        telegram.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await telegram.PostUpdateAsync(update)).StatusCode);

        Assert.Single(await telegram.HistoryAsync(third), m => m.Direction == MessageDirection.Customer);
    }
}
