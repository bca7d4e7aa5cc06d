namespace Conversations.Api.Operators;

/// <summary>What one connection has sent: the last sequence number per recently changed conversation, and the feed position.</summary>
internal sealed class SentPositions(DateTimeOffset start)
{
    private readonly Dictionary<Guid, (long Seq, DateTimeOffset At)> _sent = [];

    public DateTimeOffset Position { get; private set; } = start;

    public void Record(Guid conversationId, long seq, DateTimeOffset at)
    {
        if (!_sent.TryGetValue(conversationId, out var known) || known.Seq < seq)
        {
            _sent[conversationId] = (seq, at);
        }

        Position = at > Position ? at : Position;
    }

    public bool IsBehind(Guid conversationId, long seq) => !_sent.TryGetValue(conversationId, out var known) || known.Seq < seq;

    /// <summary>Drops what the next catch-up cannot ask about (changes before its window), so a long connection stays small.</summary>
    public void Forget(DateTimeOffset before)
    {
        foreach (var old in _sent.Where(s => s.Value.At < before).Select(s => s.Key).ToList())
        {
            _sent.Remove(old);
        }
    }
}
