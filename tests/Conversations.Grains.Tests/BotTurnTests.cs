using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Channels;
using Conversations.Grains.Channels;
using Conversations.Grains.Conversations;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Outbox;
using Conversations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Streams;

namespace Conversations.Grains.Tests;

/// <summary>The bot answers each customer message once, also when the silo died between storing it and answering.</summary>
public sealed class BotTurnTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    private readonly IClusterClient _grains = fixture.Client;

    private IServiceProvider Silo => fixture.Cluster.Silos[0].ServiceProvider;

    [Fact]
    public async Task Each_customer_message_gets_one_bot_reply_queued_for_delivery()
    {
        var result = await _grains.SendAsync(Inbound.Text(Guid.NewGuid(), 701, "/start"));

        await Eventually.HoldsAsync(async () => (await BotMessagesAsync(result)).Count == 1, "the bot's reply");
        var reply = (await BotMessagesAsync(result)).Single();
        Assert.Equal(TenantTexts.Defaults[TenantTexts.FallbackGreeting], reply.Content.ToPlainText()); // a tenant without a scenario, in its default language
        var delivery = await Silo.GetRequiredService<IOutboxStore>().GetDeliveryAsync(result.TenantId, [reply.MessageId]);
        Assert.True(delivery.ContainsKey(reply.MessageId));
    }

    [Fact]
    public async Task A_message_stored_by_a_silo_that_died_before_the_bot_answered_is_answered_once_on_reactivation()
    {
        var (tenant, conversation) = await StoreUnansweredMessageAsync("unanswered before the crash");

        var grain = _grains.GetGrain<IConversationGrain>(new ConversationKey(tenant, conversation).ToGrainKey());
        await grain.GetViewAsync(); // first activation after the "crash"

        await Eventually.HoldsAsync(async () => (await grain.GetHistoryAsync(new HistoryQuery())).Any(m => m.Direction == MessageDirection.Bot), "the late reply");
        await grain.RunPendingBotTurnsAsync();
        await grain.RunPendingBotTurnsAsync();
        var history = await grain.GetHistoryAsync(new HistoryQuery());
        Assert.Single(history, m => m.Direction == MessageDirection.Bot);
    }

    [Fact]
    public async Task The_sweeper_wakes_conversations_with_an_unanswered_message()
    {
        var (tenant, conversation) = await StoreUnansweredMessageAsync("found by the sweeper");
        var sweeper = Silo.GetServices<IHostedService>().OfType<PendingBotTurnSweeper>().Single();

        var woken = await sweeper.SweepAsync(CancellationToken.None);

        Assert.True(woken >= 1);
        var grain = _grains.GetGrain<IConversationGrain>(new ConversationKey(tenant, conversation).ToGrainKey());
        await Eventually.HoldsAsync(async () => (await grain.GetHistoryAsync(new HistoryQuery())).Any(m => m.Direction == MessageDirection.Bot), "the swept reply");
    }

    [Fact]
    public async Task Every_committed_message_is_published_on_the_tenant_feed()
    {
        var tenant = Guid.NewGuid();
        var received = new List<ConversationEvent>();
        var stream = _grains.GetStreamProvider(ConversationStreams.Provider)
            .GetStream<ConversationEvent>(StreamId.Create(ConversationStreams.TenantFeed, tenant));
        var subscription = await stream.SubscribeAsync((e, _) =>
        {
            lock (received)
            {
                received.Add(e);
            }

            return Task.CompletedTask;
        });

        try
        {
            var result = await _grains.SendAsync(Inbound.Text(tenant, 702, "to the operators"));

            await Eventually.HoldsAsync(() =>
            {
                lock (received)
                {
                    return received.SelectMany(e => e.Messages).Any(m => m.MessageId == result.MessageId)
                        && received.SelectMany(e => e.Messages).Any(m => m.Direction == MessageDirection.Bot);
                }
            }, "the customer message and the bot reply on the feed");
            lock (received)
            {
                Assert.All(received, e => Assert.Equal(tenant, e.Conversation.TenantId));
            }
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    private async Task<IReadOnlyList<ChatMessage>> BotMessagesAsync(InboundResult result) =>
        [.. (await _grains.Conversation(result).GetHistoryAsync(new HistoryQuery())).Where(m => m.Direction == MessageDirection.Bot)];

    /// <summary>Writes what a silo that died right after acknowledging a message leaves behind: the message, no reply.</summary>
    private async Task<(Guid Tenant, Guid Conversation)> StoreUnansweredMessageAsync(string text)
    {
        var tenant = Guid.NewGuid();
        var conversation = Guid.NewGuid();
        var customer = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var profile = new CustomerProfile(tenant, customer, "Anna", null, [], [], [], [], new Dictionary<string, string>(), conversation, now);
        var details = $$"""{"replyTo":{"kind":"Telegram","account":"777","chatId":"42"},"customer":{{System.Text.Json.JsonSerializer.Serialize(profile, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))}}}""";
        var message = new ChatMessage(Guid.NewGuid(), conversation, 1, MessageDirection.Customer, new TextContent(text), ChannelKind.Telegram, "1", null, now);
        var record = new ConversationRecord(tenant, conversation, customer, ConversationStatus.Bot, null, now, null, 1, now, now, null,
            ChannelKind.Telegram, "Anna", text, details, 1, LastCustomerSeq: 1, BotCursor: 0);
        await Silo.GetRequiredService<IConversationStore>().CommitAsync(
            new ConversationCommit(record, [new MessageRecord(tenant, customer, $"crash:{conversation:N}", message)], []));
        return (tenant, conversation);
    }
}
