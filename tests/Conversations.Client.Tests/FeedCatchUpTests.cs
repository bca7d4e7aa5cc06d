using System.Globalization;
using Conversations.Api.Contracts.Channels;
using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Contracts.Messages;
using Conversations.Client.Feed;

namespace Conversations.Client.Tests;

/// <summary>The catch-up logic alone, fed events by hand and a fake history.</summary>
public sealed class FeedCatchUpTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid ConversationId = Guid.NewGuid();

    private readonly List<ApiMessage> _history = [];
    private readonly List<long> _fetchedAfter = [];
    private readonly FeedCatchUp _catchUp;

    public FeedCatchUpTests() => _catchUp = new FeedCatchUp(FetchAsync);

    [Fact]
    public async Task A_gap_is_fetched_and_delivered_before_the_event_s_own_messages()
    {
        _catchUp.OnConnected(Start);
        Write(5);
        await _catchUp.ApplyAsync(Event(2, 1, 2), Id(1));

        var delivered = await _catchUp.ApplyAsync(Event(5, 5), Id(2));

        Assert.Equal([3, 4, 5], Seqs(delivered));
        Assert.Equal([2], _fetchedAfter);
    }

    [Fact]
    public async Task Messages_already_delivered_are_dropped()
    {
        _catchUp.OnConnected(Start);
        Write(3);
        await _catchUp.ApplyAsync(Event(2, 1, 2), Id(1));

        var overlapping = await _catchUp.ApplyAsync(Event(3, 2, 3), Id(2));
        var replayed = await _catchUp.ApplyAsync(Event(3), Id(3));

        Assert.Equal([3], Seqs(overlapping));
        Assert.Null(replayed);
        Assert.Empty(_fetchedAfter);
    }

    [Fact]
    public async Task A_conversation_first_met_live_starts_at_the_event()
    {
        _catchUp.OnConnected(Start);
        Write(7);

        var delivered = await _catchUp.ApplyAsync(Event(7, 7), Id(1));

        Assert.Equal([7], Seqs(delivered));
        Assert.Empty(_fetchedAfter);
    }

    [Fact]
    public async Task A_conversation_first_met_in_a_replay_is_read_from_its_start_since_the_watch_began()
    {
        Write(2, createdAt: Start.AddMinutes(-10));
        Write(2, createdAt: Start.AddMinutes(1));
        _catchUp.OnConnected(Start);
        await _catchUp.ApplyAsync(Event(0) with { Conversation = Conversation(Guid.NewGuid(), 5) }, Id(1));

        _catchUp.OnConnected(Start.AddMinutes(2));
        var delivered = await _catchUp.ApplyAsync(Event(4), Id(3));

        Assert.Equal([3, 4], Seqs(delivered));
        Assert.Equal([0], _fetchedAfter);
    }

    [Fact]
    public async Task The_resume_position_moves_only_once_a_replay_is_whole()
    {
        _catchUp.OnConnected(Start);
        Write(3);
        await _catchUp.ApplyAsync(Event(1, 1), Id(5));
        Assert.Equal(Id(5), _catchUp.LastEventId);

        _catchUp.OnConnected(Start.AddMinutes(1));
        await _catchUp.ApplyAsync(Event(1) with { Conversation = Conversation(Guid.NewGuid(), 0) }, Id(9));
        await _catchUp.ApplyAsync(Event(1) with { Conversation = Conversation(Guid.NewGuid(), 0) }, Id(7));
        Assert.Equal(Id(5), _catchUp.LastEventId);

        _catchUp.OnPing();
        Assert.Equal(Id(9), _catchUp.LastEventId);
    }

    [Fact]
    public async Task A_live_message_ends_the_replay_and_the_position_never_goes_back()
    {
        _catchUp.OnConnected(Start);
        Write(3);
        await _catchUp.ApplyAsync(Event(1, 1), Id(5));
        _catchUp.OnConnected(Start.AddMinutes(1));
        await _catchUp.ApplyAsync(Event(1), Id(8));

        await _catchUp.ApplyAsync(Event(2, 2), Id(6));

        Assert.Equal(Id(8), _catchUp.LastEventId);
    }

    [Fact]
    public async Task The_servers_replayed_event_ends_the_replay_at_once_at_the_position_it_names()
    {
        _catchUp.OnConnected(Start);
        Write(3);
        await _catchUp.ApplyAsync(Event(1, 1), Id(5));
        _catchUp.OnConnected(Start.AddMinutes(1));
        await _catchUp.ApplyAsync(Event(1) with { Conversation = Conversation(Guid.NewGuid(), 0) }, Id(9));
        await _catchUp.ApplyAsync(Event(1) with { Conversation = Conversation(Guid.NewGuid(), 0) }, Id(7));

        _catchUp.OnReplayed(Id(10));

        // No ping or live message needed; from here the position follows each (live) event.
        Assert.Equal(Id(10), _catchUp.LastEventId);
        await _catchUp.ApplyAsync(Event(1) with { Conversation = Conversation(Guid.NewGuid(), 0) }, Id(11));
        Assert.Equal(Id(11), _catchUp.LastEventId);
    }

    [Fact]
    public async Task A_state_change_after_the_replayed_event_is_live_even_for_a_conversation_not_met_yet()
    {
        Write(2, createdAt: Start.AddMinutes(-10));
        _catchUp.OnConnected(Start);
        await _catchUp.ApplyAsync(Event(0) with { Conversation = Conversation(Guid.NewGuid(), 5) }, Id(1));
        _catchUp.OnConnected(Start.AddMinutes(1));

        _catchUp.OnReplayed(null);
        var taken = await _catchUp.ApplyAsync(Event(2), Id(70));

        // Without the mark this event would count as replayed, and the conversation's history be read from its start.
        Assert.Empty(taken!.Messages);
        Assert.Empty(_fetchedAfter);
    }

    [Fact]
    public async Task A_long_gap_is_fetched_page_by_page()
    {
        _catchUp.OnConnected(Start);
        Write(1200);
        await _catchUp.ApplyAsync(Event(1, 1), Id(1));

        var delivered = await _catchUp.ApplyAsync(Event(1200, 1200), Id(2));

        Assert.Equal(Enumerable.Range(2, 1199).Select(i => (long)i), Seqs(delivered));
        Assert.Equal([1, 1 + FeedCatchUp.PageSize, 1 + (2 * FeedCatchUp.PageSize)], _fetchedAfter);
    }

    [Fact]
    public async Task A_hole_the_history_does_not_fill_is_not_asked_for_again()
    {
        _catchUp.OnConnected(Start);
        Write(2);
        await _catchUp.ApplyAsync(Event(1, 1), Id(1));

        // The history ends at 2 although the conversation says 3 (a message the history does not show).
        var first = await _catchUp.ApplyAsync(Event(3), Id(2));
        var next = await _catchUp.ApplyAsync(Event(3) with { Conversation = Conversation(ConversationId, 3, Start.AddHours(1)) }, Id(3));

        Assert.Equal([2], Seqs(first));
        Assert.Empty(next!.Messages);
        Assert.Equal([1], _fetchedAfter);
    }

    private Task<IReadOnlyList<ApiMessage>> FetchAsync(Guid conversationId, long after, CancellationToken cancellationToken)
    {
        Assert.Equal(ConversationId, conversationId);
        _fetchedAfter.Add(after);
        return Task.FromResult<IReadOnlyList<ApiMessage>>([.. _history.Where(m => m.Seq > after).Take(FeedCatchUp.PageSize)]);
    }

    /// <summary>Adds <paramref name="count"/> messages to the server's history.</summary>
    private void Write(int count, DateTimeOffset? createdAt = null)
    {
        for (var i = 0; i < count; i++)
        {
            _history.Add(Message(_history.Count + 1, createdAt));
        }
    }

    private FeedEvent Event(long lastSeq, params long[] messageSeqs) =>
        new(Conversation(ConversationId, lastSeq), [.. messageSeqs.Select(s => _history.First(m => m.Seq == s))]);

    private static InboxItem Conversation(Guid id, long lastSeq, DateTimeOffset? at = null) =>
        new(id, Guid.Empty, "Ivan", ConversationStatus.Bot, false, null, null, ChannelKind.Widget, "", lastSeq, at ?? Start.AddSeconds(lastSeq),
            null, null, null, null, null, null, null, null);

    private static ApiMessage Message(long seq, DateTimeOffset? createdAt) =>
        new(Guid.NewGuid(), ConversationId, seq, MessageDirection.Customer, new TextContent($"message {seq}"), ChannelKind.Widget, null,
            createdAt ?? Start.AddSeconds(seq), null, null);

    private static string Id(int second) => Start.AddSeconds(second).ToString("O", CultureInfo.InvariantCulture);

    private static long[] Seqs(FeedEvent? delivered) => [.. Assert.IsType<FeedEvent>(delivered).Messages.Select(m => m.Seq)];
}
