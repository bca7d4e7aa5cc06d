using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Reports;
using Conversations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Grains.Tests;

/// <summary>Report figures of conversations driven through the real grains on a fake clock: causes recorded as they happen, times exact.</summary>
public sealed class ReportCountingTests(LiveChatFixture fixture) : IClassFixture<LiveChatFixture>
{
    private static long _user = 950_000;

    private IClusterClient Grains => fixture.Grains;

    [Fact]
    public async Task A_customer_who_asks_waits_until_the_take_and_gets_a_first_response_at_the_operator_reply()
    {
        var tenant = await fixture.NewTenantAsync();
        var olga = await fixture.NewOperatorAsync(tenant, "Olga");
        var conversation = await CustomerWritesAsync(tenant, Interlocked.Increment(ref _user), "Позовите оператора, пожалуйста");
        await Eventually.HoldsAsync(async () => (await conversation.GetViewAsync())!.Status == ConversationStatus.WaitingForOperator, "waiting");

        fixture.Clock.Advance(TimeSpan.FromSeconds(90));
        await conversation.TakeAsync(olga);
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await conversation.SendOperatorMessageAsync(olga.OperatorId, [new TextContent("Здравствуйте, я Ольга")]);
        var figures = await CountedAsync(tenant);

        Assert.Equal(1, figures[ReportFigures.Started]);
        Assert.Equal(0, figures[ReportFigures.Contained]);
        Assert.Equal(1, figures[ReportFigures.HandedOverBase + (int)HandoffCause.Asked]);
        Assert.Equal(1, figures[ReportFigures.Taken]);
        Assert.Equal(90, figures[ReportFigures.WaitSum]);
        Assert.Equal(120, figures[ReportFigures.FirstResponseSum]);
        Assert.Equal(1, figures[ReportFigures.OperatorMessages]);
        var rollup = Assert.Single(await ReadAsync(tenant));
        Assert.Equal(olga.OperatorId, rollup.Bucket.OperatorId);
        Assert.Equal((short)ChannelKind.Telegram, rollup.Bucket.Channel);
    }

    [Fact]
    public async Task A_bot_that_gives_up_records_why_and_the_conversation_counts_as_handed_over_not_contained()
    {
        var tenant = await fixture.NewTenantAsync(s => s with { BotGiveUpAfter = 2 });
        var user = Interlocked.Increment(ref _user);
        var conversation = await CustomerWritesAsync(tenant, user, "мне нужна справка о доставке в Улан-Удэ");
        await Eventually.HoldsAsync(async () => (await fixture.ToCustomerAsync(conversation)).Count == 1, "first reply");
        Assert.Equal(1, (await CountedAsync(tenant))[ReportFigures.Contained]); // so far the bot alone

        await CustomerWritesAsync(tenant, user, "и про сроки тоже");
        await Eventually.HoldsAsync(async () => (await conversation.GetViewAsync())!.Status == ConversationStatus.WaitingForOperator, "waiting");
        var figures = await CountedAsync(tenant);

        var handoff = (await conversation.GetHistoryAsync(new HistoryQuery())).Select(m => m.Content).OfType<EventContent>()
            .Single(e => e.Event == ConversationEventKind.OperatorRequested);
        Assert.Equal(HandoffCause.BotGaveUp, handoff.Cause);
        Assert.Equal(1, figures[ReportFigures.Started]);
        Assert.Equal(0, figures[ReportFigures.Contained]);
        Assert.Equal(1, figures[ReportFigures.HandedOverBase + (int)HandoffCause.BotGaveUp]);
    }

    private async Task<IConversationGrain> CustomerWritesAsync(Guid tenant, long user, string text) =>
        Grains.Conversation(await Grains.SendAsync(Inbound.Text(tenant, user, text)));

    private async Task<long[]> CountedAsync(Guid tenant)
    {
        await fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<ReportAggregator>().FlushAsync();
        var sum = new long[ReportFigures.Length];
        foreach (var rollup in await ReadAsync(tenant))
        {
            ReportFigures.Add(sum, rollup.Figures);
        }

        return sum;
    }

    private async Task<IReadOnlyList<ReportRollup>> ReadAsync(Guid tenant)
    {
        var now = fixture.Clock.GetUtcNow();
        var rows = await fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReportStore>().ReadAsync(tenant, now.AddDays(-1), now.AddDays(1), null, null);
        return [.. rows.Where(r => r.Figures[ReportFigures.Started] != 0)];
    }
}
