using System.Globalization;
using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Contracts.Messages;

namespace Conversations.Client.Feed;

/// <summary>
/// Turns the server's feed events into what the caller should see: every message exactly once, in sequence order per
/// conversation, with no gap. The server's events carry the messages of one change; a dropped connection, or an event the
/// server dropped under load, shows as a conversation whose <see cref="InboxItem.LastSeq"/> is beyond the last message
/// delivered, and then the missing messages are fetched (through the delegate given) and delivered first. Also keeps
/// the position to resume from after a reconnect (<see cref="LastEventId"/>). Not thread-safe: feed it from one loop.
/// </summary>
public sealed class FeedCatchUp
{
    /// <summary>How many messages a catch-up asks for at once (the API's largest page).</summary>
    public const int PageSize = 500;

    private readonly Func<Guid, long, CancellationToken, Task<IReadOnlyList<ApiMessage>>> _fetchAfter;
    private readonly Dictionary<Guid, Delivered> _delivered = [];
    private Position _position;
    private Position _replayed;
    private bool _replaying;

    /// <summary>
    /// Messages created from then on are news for a conversation first met in a replay (it may have started while the
    /// feed was away); set by the first connection, or by the resume position.
    /// </summary>
    private DateTimeOffset? _newSince;

    /// <summary>Creates the catch-up.</summary>
    /// <param name="fetchAfter">One page of a conversation's messages after a sequence number, bot messages and events included.</param>
    /// <param name="lastEventId">Where an earlier watch stopped, to resume from; null starts from now.</param>
    public FeedCatchUp(Func<Guid, long, CancellationToken, Task<IReadOnlyList<ApiMessage>>> fetchAfter, string? lastEventId = null)
    {
        _fetchAfter = fetchAfter;
        _position = Position.Of(lastEventId);
        _newSince = _position.At;
    }

    /// <summary>The event id to send as <c>Last-Event-ID</c> when reconnecting (null before the first event).</summary>
    public string? LastEventId => _position.Id;

    /// <summary>
    /// A connection opened at <paramref name="serverTime"/>. When it resumes (a <see cref="LastEventId"/> was sent), the
    /// server first replays every conversation changed since then, without messages.
    /// </summary>
    public void OnConnected(DateTimeOffset serverTime)
    {
        _newSince ??= serverTime;
        _replaying = _position.Id is not null;
        _replayed = default;
    }

    /// <summary>
    /// The server's <c>replayed</c> event: the replay is over (every later event is live), and <paramref name="eventId"/>
    /// (when given) is the position it covered.
    /// </summary>
    public void OnReplayed(string? eventId)
    {
        Advance(Position.Of(eventId));
        EndReplay();
    }

    /// <summary>
    /// The server's keep-alive; it comes only after the replay. Ends the replay for servers that do not send
    /// <c>replayed</c> (those that do have sent it before any ping).
    /// </summary>
    public void OnPing() => EndReplay();

    /// <summary>
    /// Applies one event (<paramref name="eventId"/> is its SSE id): returns it with exactly the messages the caller has
    /// not seen (fetching a gap first), or null when it tells nothing new (a replay of what was already delivered).
    /// </summary>
    public async Task<FeedEvent?> ApplyAsync(FeedEvent received, string? eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(received);
        if (received.Messages.Count > 0)
        {
            // The server sends live changes only after the replay, and replayed rows never carry messages: for a server
            // that does not send "replayed", the first message ends the replay. (One that does has ended it already.)
            EndReplay();
        }

        var conversation = received.Conversation;
        var known = _delivered.TryGetValue(conversation.ConversationId, out var delivered);

        // A conversation first met live starts at this event (earlier messages are history, not news); one first met in
        // a replay may have begun while the feed was away, so it is read from its start.
        var fromStart = !known && _replaying;
        var after = known ? delivered.Seq
            : fromStart ? 0
            : received.Messages.Count > 0 ? received.Messages.Min(m => m.Seq) - 1 : conversation.LastSeq;
        var messages = Fresh(received.Messages, after);
        var seq = after;
        if (!Covers(messages, after, conversation.LastSeq))
        {
            messages = Fresh([.. await FetchAsync(conversation.ConversationId, after, conversation.LastSeq, cancellationToken), .. messages], after);
            if (fromStart && _newSince is { } since)
            {
                messages = [.. messages.Where(m => m.CreatedAt >= since)];
            }

            // Whatever the history does not show up to LastSeq it never will: don't ask again on every event.
            seq = Math.Max(seq, conversation.LastSeq);
        }

        if (messages.Count > 0)
        {
            seq = Math.Max(seq, messages[^1].Seq);
        }

        var news = !known || messages.Count > 0 || conversation.LastActivityAt > delivered.LastActivityAt;
        _delivered[conversation.ConversationId] = new Delivered(seq,
            known && delivered.LastActivityAt > conversation.LastActivityAt ? delivered.LastActivityAt : conversation.LastActivityAt);
        Advance(Position.Of(eventId));
        return news ? received with { Messages = messages } : null;
    }

    /// <summary>The messages after <paramref name="after"/>, each sequence number once, in order.</summary>
    private static List<ApiMessage> Fresh(IEnumerable<ApiMessage> messages, long after) =>
        [.. messages.Where(m => m.Seq > after).DistinctBy(m => m.Seq).OrderBy(m => m.Seq)];

    /// <summary>True when <paramref name="messages"/> continue right after <paramref name="after"/> without a hole, up to <paramref name="lastSeq"/>.</summary>
    private static bool Covers(List<ApiMessage> messages, long after, long lastSeq)
    {
        var expected = after + 1;
        foreach (var message in messages)
        {
            if (message.Seq != expected)
            {
                return false;
            }

            expected++;
        }

        return expected - 1 >= lastSeq;
    }

    private async Task<List<ApiMessage>> FetchAsync(Guid conversationId, long after, long upTo, CancellationToken cancellationToken)
    {
        var fetched = new List<ApiMessage>();
        while (true)
        {
            var page = await _fetchAfter(conversationId, after, cancellationToken);
            fetched.AddRange(page);
            if (page.Count == 0 || page.Count < PageSize || page[^1].Seq >= upTo)
            {
                return fetched;
            }

            after = page[^1].Seq;
        }
    }

    /// <summary>During a replay, rows come in inbox order, not time order: the position moves only once the replay is whole.</summary>
    private void Advance(Position seen)
    {
        if (seen.Id is null)
        {
            return;
        }

        if (_replaying)
        {
            _replayed = _replayed.Later(seen);
        }
        else
        {
            _position = _position.Later(seen);
        }
    }

    private void EndReplay()
    {
        if (_replaying)
        {
            _replaying = false;
            _position = _position.Later(_replayed);
        }
    }

    private readonly record struct Delivered(long Seq, DateTimeOffset LastActivityAt);

    /// <summary>An event id; the server's are ISO timestamps, compared as times (an id that is not one always counts as later).</summary>
    private readonly record struct Position(string? Id, DateTimeOffset? At)
    {
        public static Position Of(string? id) =>
            new(id, DateTimeOffset.TryParse(id, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null);

        public Position Later(Position other) =>
            other.Id is null ? this
            : Id is null || other.At is null || At is null || other.At > At ? other
            : this;
    }
}
