using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Api.Console;
using Conversations.Api.Operators;
using Conversations.Channels;
using Conversations.Grains.Channels;
using Conversations.Persistence.Conversations;
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
    public async Task An_operators_reply_to_a_widget_visitor_is_sent_in_the_answer_and_the_live_feed_not_pending()
    {
        // A widget reply has no outbox row: its commit delivers it. Before, the console showed it "Pending" until it
        // read the history again.
        using var demo = await fixture.DemoAsync();
        var conversation = await fixture.VisitorWritesAsync("demo", "оператор");
        await Eventually.HoldsAsync(async () => (await demo.GetAsync($"/api/v1/conversations/{conversation}"))
            .GetProperty("summary").GetProperty("status").GetString() == "WaitingForOperator", "the customer waits for an operator");
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();
        using var feed = await FeedEvents.OpenAsync(demo.Http);
        await feed.UntilAsync(e => e.Type == "ready");

        var sent = await (await demo.PostAsync($"/api/v1/conversations/{conversation}/messages", new { text = "Здравствуйте, чем помочь?" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var live = (await feed.UntilAsync(e => e.IsAbout(conversation) && e.Data!.Value.GetProperty("messages").GetArrayLength() > 0
            && e.Data!.Value.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("direction").GetString() == "Operator")))[^1];

        Assert.Equal("Sent", sent[0].GetProperty("delivery").GetProperty("status").GetString());
        var reply = live.Data!.Value.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("direction").GetString() == "Operator");
        Assert.Equal("Widget", reply.GetProperty("channel").GetString());
        Assert.Equal("Sent", reply.GetProperty("delivery").GetProperty("status").GetString());
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

    [Fact]
    public async Task A_change_whose_event_was_lost_reaches_open_feeds_when_a_silo_dies()
    {
        using var demo = await fixture.DemoAsync();
        using var feed = await FeedEvents.OpenAsync(demo.Http);
        await feed.UntilAsync(e => e.Type == "replayed");
        var conversation = await fixture.VisitorWritesAsync("demo", "Здравствуйте");
        await feed.UntilAsync(e => e.IsAbout(conversation));

        // A change committed whose event never reached the stream (as when the silo holding the stream dies):
        // written to the store directly, past the grain and its event. It is a minute older than the newest event the
        // feed saw (it sat in the dead silo's queue while other queues went on delivering).
        var store = fixture.App.Store;
        var loaded = (await store.LoadAsync(demo.TenantId, conversation))!.Conversation;
        var seq = loaded.LastSeq + 1;
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var message = new ChatMessage(Guid.NewGuid(), conversation, seq, MessageDirection.Bot, new TextContent("потерянный ответ"), ChannelKind.Widget, null, null, at);
        await store.CommitAsync(new ConversationCommit(
            loaded with { LastSeq = seq, LastActivityAt = at, Version = loaded.Version + 1 }, [new MessageRecord(demo.TenantId, loaded.CustomerId, null, message)], []));

        fixture.App.Service<ClusterChanges>().SiloDied();

        var caughtUp = (await feed.UntilAsync(e => e.IsAbout(conversation) && e.Conversation.GetProperty("lastSeq").GetInt64() == seq))[^1];
        Assert.Equal(0, caughtUp.Data!.Value.GetProperty("messages").GetArrayLength()); // the client fetches what the sequence number says it missed
    }
}
