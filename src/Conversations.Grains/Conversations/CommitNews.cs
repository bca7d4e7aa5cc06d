using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Conversations;

/// <summary>
/// Tells a conversation's live observers and its tenant's feed about committed changes, in commit order, after the
/// acknowledgement: a commit hands its news over and returns, so a slow widget connection or a busy stream queue
/// delays only the news behind it, never a customer's ack or the next turn. Bounded: with <see cref="MaxPending"/>
/// items waiting, new news is dropped and logged; feeds and widgets catch up from the history by sequence number, as
/// after any gap.
/// </summary>
/// <remarks>
/// Runs on the grain's scheduler (it is started from grain code, and each link resumes there), so it needs no lock;
/// its calls interleave with the grain's later turns only at their awaits, like any grain call.
/// </remarks>
internal sealed partial class CommitNews(ILogger logger)
{
    /// <summary>At most this many news items wait behind a slow listener.</summary>
    public const int MaxPending = 256;

    private Task _tail = Task.CompletedTask;
    private int _pending;

    /// <summary>Completes when everything handed over so far has been told (or has failed and been logged).</summary>
    public Task Told => _tail;

    /// <summary>Hands news over to be told after everything handed over before it; false (and logged) when too much is waiting.</summary>
    public bool Hand(Guid conversationId, Func<Task> tell)
    {
        if (_pending >= MaxPending)
        {
            LogDropped(logger, conversationId, MaxPending);
            return false;
        }

        _pending++;
        _tail = TellAfterAsync(_tail, conversationId, tell);
        return true;
    }

    private async Task TellAfterAsync(Task previous, Guid conversationId, Func<Task> tell)
    {
        await previous; // never faults: each link catches its own failure
        try
        {
            await tell();
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, conversationId);
        }
        finally
        {
            _pending--;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} has {Pending} news items waiting for a slow listener; this one is dropped, and feeds catch up from the history")]
    private static partial void LogDropped(ILogger logger, Guid conversationId, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling the observers and the feed of conversation {ConversationId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid conversationId);
}
