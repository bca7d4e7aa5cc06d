using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Bot;
using Conversations.Grains.Bot;
using Conversations.Grains.Conversations;
using Conversations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace Conversations.Grains.Tests;

/// <summary>
/// A bot that cannot run for a passing reason (its grain's storage restarting) leaves the message pending instead of
/// skipping it: the customer gets the answer once the bot is back, exactly once.
/// </summary>
public sealed class BotOutageTests : IAsyncLifetime
{
    private readonly FlakyBot _bot = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await TestClusters.StartAsync(services: s => s.AddSingleton<IConversationBot>(_bot));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_message_the_bot_could_not_answer_during_a_database_restart_is_answered_once_it_is_back()
    {
        _bot.Failing = true;
        var result = await _cluster.Client.SendAsync(Inbound.Text(Guid.NewGuid(), 9301, "where is my order"));
        var grain = _cluster.Client.GetGrain<IConversationGrain>(new ConversationKey(result.TenantId, result.ConversationId).ToGrainKey());
        await Eventually.HoldsAsync(() => _bot.Calls >= 1, "the bot tried");
        Assert.Empty(await BotMessagesAsync(grain));

        _bot.Failing = false;
        var sweeper = _cluster.Silos[0].ServiceProvider.GetServices<IHostedService>().OfType<PendingBotTurnSweeper>().Single();
        Assert.True(await sweeper.SweepAsync(CancellationToken.None) >= 1, "the message is still pending, so the sweeper finds it");

        await Eventually.HoldsAsync(async () => (await BotMessagesAsync(grain)).Count == 1, "the late answer");
        await sweeper.SweepAsync(CancellationToken.None);
        await grain.RunPendingBotTurnsAsync();
        var answers = await BotMessagesAsync(grain);
        Assert.Equal("answer to: where is my order", Assert.Single(answers).Content.ToPlainText());
    }

    [Fact]
    public async Task A_bot_that_fails_for_good_does_not_wedge_the_conversation()
    {
        _bot.Broken = true;
        var first = await _cluster.Client.SendAsync(Inbound.Text(Guid.NewGuid(), 9302, "crashes the bot"));
        var grain = _cluster.Client.GetGrain<IConversationGrain>(new ConversationKey(first.TenantId, first.ConversationId).ToGrainKey());
        await Eventually.HoldsAsync(() => _bot.Calls >= 1, "the bot tried");

        _bot.Broken = false;
        await _cluster.Client.SendAsync(Inbound.Text(first.TenantId, 9302, "second question"));

        await Eventually.HoldsAsync(async () => (await BotMessagesAsync(grain)).Count == 1, "the answer to the next message");
        Assert.Equal("answer to: second question", (await BotMessagesAsync(grain))[0].Content.ToPlainText());
    }

    private static async Task<IReadOnlyList<ChatMessage>> BotMessagesAsync(IConversationGrain grain) =>
        [.. (await grain.GetHistoryAsync(new HistoryQuery())).Where(m => m.Direction == MessageDirection.Bot)];

    private sealed class FlakyBot : IConversationBot
    {
        private int _calls;

        public volatile bool Failing;

        public volatile bool Broken;

        public int Calls => Volatile.Read(ref _calls);

        public Task<BotReply> ReplyAsync(BotRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            if (Failing)
            {
                throw new OrleansException("Error from storage provider AdoNetGrainStorage.scenario during ReadStateAsync for grain scenario/1",
                    new TimeoutException("the database system is shutting down"));
            }

            if (Broken)
            {
                throw new InvalidOperationException("A bug in a scenario step.");
            }

            return Task.FromResult(new BotReply([new TextContent("answer to: " + request.Message.Content.ToPlainText())], request.SessionJson));
        }
    }
}
