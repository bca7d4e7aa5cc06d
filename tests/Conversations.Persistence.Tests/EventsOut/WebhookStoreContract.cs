using Conversations.Persistence.Conversations;
using Conversations.Persistence.EventsOut;

namespace Conversations.Persistence.Tests.EventsOut;

/// <summary>
/// The queue of events out, on PostgreSQL and in memory: a subscription gets the types it hears, a conversation's
/// deliveries are claimed one at a time in order, a moved cursor queues nothing twice, a lease gives a dead silo's claim
/// back, and one tenant never reads or redelivers another's.
/// </summary>
public abstract class WebhookStoreContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected abstract IWebhookStore Webhooks { get; }

    protected abstract IConversationStore Conversations { get; }

    [Fact]
    public async Task A_conversations_events_reach_each_hearing_subscription_one_at_a_time_in_order_and_are_queued_once()
    {
        var tenant = Guid.NewGuid();
        var rival = Guid.NewGuid();
        var messages = await SubscribeAsync(tenant, "message.created");
        var surveys = await SubscribeAsync(tenant, "survey.answered");
        var rivals = await SubscribeAsync(rival, "message.created");
        var chat = new CommitBuilder(tenant);
        await Conversations.CommitAsync(chat.Customer("one"));
        await Conversations.CommitAsync(chat.Customer("two"));

        var cursor = await Webhooks.ReadCursorAsync(tenant, chat.ConversationId);
        var queued = await Webhooks.EnqueueAsync(tenant, chat.ConversationId, 0, 2, [Event(chat, 1), Event(chat, 2)]);
        var again = await Webhooks.EnqueueAsync(tenant, chat.ConversationId, 0, 2, [Event(chat, 1), Event(chat, 2)]);
        var first = await ClaimAsync(Start.AddMinutes(1), chat);
        var whileFirstOpen = await ClaimAsync(Start.AddMinutes(5), chat); // the lease ran out: the first again, never the second
        await Webhooks.RecordAttemptAsync(first[0].Id, new(1, Start, 500, 12, "HTTP 500"), false, Start.AddMinutes(10));
        var beforeBackoff = await ClaimAsync(Start.AddMinutes(9), chat);
        var retried = await ClaimAsync(Start.AddMinutes(10), chat);
        await Webhooks.RecordAttemptAsync(retried[0].Id, new(2, Start.AddMinutes(10), 200, 8, null), true, null);
        var second = await ClaimAsync(Start.AddMinutes(10), chat);

        Assert.Equal(new WebhookCursor(chat.CustomerId, 0, 2), cursor);
        Assert.True(queued);
        Assert.False(again);
        Assert.Equal(2, (await Webhooks.ReadCursorAsync(tenant, chat.ConversationId))!.LastSeq);
        Assert.Equal("e1", Name(Assert.Single(first).Payload));
        Assert.Equal([first[0].Id], whileFirstOpen.Select(d => d.Id));
        Assert.Empty(beforeBackoff);
        Assert.Equal(first[0].Id, Assert.Single(retried).Id);
        Assert.Equal(1, retried[0].Attempts);
        Assert.Equal("e2", Name(Assert.Single(second).Payload));
        Assert.Empty((await Webhooks.ListDeliveriesAsync(tenant, surveys, 50))!);
        Assert.Empty((await Webhooks.ListDeliveriesAsync(rival, rivals, 50))!);
        var log = (await Webhooks.ListDeliveriesAsync(tenant, messages, 50))!;
        Assert.Equal(["e2", "e1"], log.Select(d => Name(d.Payload)));
        Assert.Equal(WebhookDeliveryStatus.Delivered, log[1].Status);
        Assert.Equal([500, 200], log[1].Attempts.Select(a => a.StatusCode));
        Assert.Equal(WebhookDeliveryStatus.Pending, log[0].Status);
    }

    [Fact]
    public async Task Another_tenant_can_neither_read_nor_redeliver_nor_remove_a_subscription_and_a_redelivery_goes_again_in_order()
    {
        var tenant = Guid.NewGuid();
        var rival = Guid.NewGuid();
        var subscription = await SubscribeAsync(tenant, "message.created");
        var chat = new CommitBuilder(tenant);
        await Conversations.CommitAsync(chat.Customer("one"));
        await Webhooks.EnqueueAsync(tenant, chat.ConversationId, 0, 1, [Event(chat, 1)]);
        var delivery = Assert.Single(await ClaimAsync(Start.AddMinutes(1), chat));
        await Webhooks.RecordAttemptAsync(delivery.Id, new(1, Start, null, 10_000, "network"), false, null); // given up

        Assert.Null(await Webhooks.ListDeliveriesAsync(rival, subscription, 50));
        Assert.False(await Webhooks.RedeliverAsync(rival, subscription, delivery.Id, Start.AddHours(1)));
        Assert.False(await Webhooks.RemoveSubscriptionAsync(rival, subscription));
        Assert.Empty(await Webhooks.ListSubscriptionsAsync(rival));
        Assert.Equal(WebhookDeliveryStatus.Failed, Assert.Single((await Webhooks.ListDeliveriesAsync(tenant, subscription, 50))!).Status);
        Assert.Empty(await ClaimAsync(Start.AddHours(1), chat));

        Assert.True(await Webhooks.RedeliverAsync(tenant, subscription, delivery.Id, Start.AddHours(1)));
        var again = Assert.Single(await ClaimAsync(Start.AddHours(1), chat));
        Assert.Equal((delivery.Id, 1), (again.Id, again.Attempts));
        Assert.True(await Webhooks.RemoveSubscriptionAsync(tenant, subscription));
        Assert.Null(await Webhooks.ListDeliveriesAsync(tenant, subscription, 50));
    }

    [Fact]
    public async Task A_subscription_hears_only_events_from_its_creation_on()
    {
        var tenant = Guid.NewGuid();
        var subscription = Guid.NewGuid();
        await Webhooks.AddSubscriptionAsync(new WebhookSubscription(tenant, subscription, "https://crm.example/hook", "whsec_test", ["message.created"], Start.AddSeconds(2)));
        var chat = new CommitBuilder(tenant);
        await Conversations.CommitAsync(chat.Customer("before"));
        await Conversations.CommitAsync(chat.Customer("after"));

        await Webhooks.EnqueueAsync(tenant, chat.ConversationId, 0, 2, [Event(chat, 1), Event(chat, 2)]);

        Assert.Equal(["e2"], (await Webhooks.ListDeliveriesAsync(tenant, subscription, 50))!.Select(d => Name(d.Payload)));
        Assert.Contains(tenant, await Webhooks.SubscribedTenantsAsync([tenant, Guid.NewGuid()]));
    }

    private async Task<Guid> SubscribeAsync(Guid tenant, string type)
    {
        var id = Guid.NewGuid();
        await Webhooks.AddSubscriptionAsync(new WebhookSubscription(tenant, id, "https://crm.example/hook", "whsec_" + id.ToString("N"), [type], Start.AddHours(-1)));
        return id;
    }

    /// <summary>Claims what is due and keeps this conversation's (other tests' rows share the table and are claimed aside).</summary>
    private async Task<List<DueWebhookDelivery>> ClaimAsync(DateTimeOffset now, CommitBuilder chat) =>
        [.. (await Webhooks.ClaimDueAsync(now, Lease, 1000)).Where(d => d.Payload.StartsWith(chat.ConversationId.ToString("N"), StringComparison.Ordinal))];

    private static string Name(string payload) => payload.Split('/')[1];

    // CommitBuilder stamps message n at Start + n seconds.
    private static WebhookEvent Event(CommitBuilder chat, long seq) =>
        new("message.created", $"{chat.ConversationId:N}.{seq}", chat.ConversationId.ToString("N"), Start.AddSeconds(seq), $"{chat.ConversationId:N}/e{seq}");
}
