using System.Net.Http.Json;
using Conversations.Abstractions.Messages;
using Conversations.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// Sends beyond the tenant's outbound budget wait in the outbox, unattempted and not failed, and go out as tokens come
/// back (a fake clock refills them), each once.
/// </summary>
public sealed class TelegramOutboundAdmissionTests
{
    [Fact]
    public async Task Replies_over_the_tenants_send_budget_wait_in_the_outbox_and_go_out_once_each_as_the_budget_allows()
    {
        // A fixture of its own: the plan bounds its tenant's sends, which the shared fixture's other tests must not feel.
        var telegram = new TelegramGatewayFixture();
        await telegram.InitializeAsync();
        try
        {
            await RepliesWaitAndGoOutAsync(telegram);
        }
        finally
        {
            await telegram.DisposeAsync();
        }
    }

    private static async Task RepliesWaitAndGoOutAsync(TelegramGatewayFixture telegram)
    {
        var roomy = new { perSecond = 1000, burst = 1000, concurrent = 100 };
        (await telegram.Http.PutAsJsonAsync("/api/v1/platform/plans/one-send-a-second",
            new { inbound = roomy, api = roomy, outbound = new { perSecond = 1, burst = 1, concurrent = 10 } })).EnsureSuccessStatusCode();
        (await telegram.Http.PutAsJsonAsync("/api/v1/platform/tenants/shop/plan", new { plan = "one-send-a-second" })).EnsureSuccessStatusCode();

        // Three customers (three chats, so per-chat pacing plays no part): three bot replies owed at once.
        long[] users = [Fixture.NewUserId(), Fixture.NewUserId(), Fixture.NewUserId()];
        foreach (var user in users)
        {
            (await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "hello"))).EnsureSuccessStatusCode();
        }

        await Eventually.HoldsAsync(() => users.Sum(u => telegram.RepliesTo(u).Count) == 1, "the one send the budget allows now");
        var waiting = new List<DeliveryInfo>();
        foreach (var user in users.Where(u => telegram.RepliesTo(u).Count == 0))
        {
            await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user)) is not null, "the reply committed");
            waiting.Add((await telegram.DeliveryOfLastBotMessageAsync(user))!);
        }

        Assert.Equal(2, waiting.Count);
        // Waiting, never tried, not failed. A reply pushed to this silo's dispatcher is leased as it is inserted, so while it
        // waits in memory for the budget it reads as Sending; one the poll will take reads as Pending. Either way: no attempt.
        Assert.All(waiting, d =>
        {
            Assert.Contains(d.Status, new[] { DeliveryStatus.Pending, DeliveryStatus.Sending });
            Assert.Equal(0, d.Attempts);
        });

        telegram.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => users.Sum(u => telegram.RepliesTo(u).Count) == 2, "the second send a second later");
        telegram.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => users.Sum(u => telegram.RepliesTo(u).Count) == 3, "the third send two seconds later");

        foreach (var user in users)
        {
            Assert.Single(telegram.RepliesTo(user));
            await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user)) is { Status: DeliveryStatus.Sent, Attempts: 1 }, "sent once");
        }
    }
}
