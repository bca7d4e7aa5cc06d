using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>The operator feed (<c>GET /api/v1/events</c>): the end of a replay, and what live events carry.</summary>
public sealed class FeedTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_resumed_feed_marks_the_end_of_its_replay_with_the_latest_position_it_covered()
    {
        using var demo = await fixture.DemoAsync();
        var before = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var first = await fixture.VisitorWritesAsync("demo", "первый, пока оператора не было");
        var second = await fixture.VisitorWritesAsync("demo", "второй, пока оператора не было");

        using var feed = await FeedEvents.OpenAsync(demo.Http, lastEventId: before);
        var events = await feed.UntilAsync(e => e.Type == "replayed");

        Assert.Equal("ready", events[0].Type);
        var replayed = events[1..^1];
        Assert.All(replayed, e => Assert.Equal("conversation", e.Type));
        Assert.Contains(replayed, e => e.IsAbout(first));
        Assert.Contains(replayed, e => e.IsAbout(second));
        var latest = replayed.Max(e => DateTimeOffset.Parse(e.Id!, CultureInfo.InvariantCulture));
        Assert.Equal(latest, DateTimeOffset.Parse(events[^1].Id!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_fresh_feed_says_at_once_that_there_is_nothing_to_replay()
    {
        using var demo = await fixture.DemoAsync();

        using var feed = await FeedEvents.OpenAsync(demo.Http);
        var events = new[] { await feed.NextAsync(), await feed.NextAsync() };

        Assert.Equal(["ready", "replayed"], events.Select(e => e?.Type));
        Assert.Null(events[1]!.Id); // no position yet: the client keeps none
    }

    [Fact]
    public async Task Live_events_and_the_take_answer_name_the_operator_who_took_the_chat()
    {
        using var demo = await fixture.DemoAsync();
        using var feed = await FeedEvents.OpenAsync(demo.Http);
        await feed.UntilAsync(e => e.Type == "ready");
        var conversation = await fixture.VisitorWritesAsync("demo", "оператор");
        await Eventually.HoldsAsync(async () => (await demo.GetAsync($"/api/v1/conversations/{conversation}"))
            .GetProperty("summary").GetProperty("status").GetString() == "WaitingForOperator", "the customer waits for an operator");

        var taken = await (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var live = (await feed.UntilAsync(e => e.IsAbout(conversation) && e.Conversation.GetProperty("status").GetString() == "LiveChat"))[^1];

        Assert.Equal("Demo Operator", taken.GetProperty("operatorName").GetString());
        Assert.Equal("Demo Operator", live.Conversation.GetProperty("operatorName").GetString());
    }

    [Fact]
    public async Task The_transfer_answer_names_the_colleague_who_has_the_chat_now()
    {
        using var demo = await fixture.DemoAsync();
        var username = "kate" + Guid.NewGuid().ToString("N")[..6];
        var kate = await (await demo.PostAsync("/api/v1/admin/operators", new { username, displayName = "Kate", role = "Operator", capacity = 3, password = "kate-password" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var conversation = await fixture.VisitorWritesAsync("demo", "оператор");
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();

        var transferred = await (await demo.PostAsync($"/api/v1/conversations/{conversation}/transfer", new { operatorId = kate.GetProperty("operatorId").GetGuid() }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Kate", transferred.GetProperty("operatorName").GetString());
    }
}
