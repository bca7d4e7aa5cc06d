using Conversations.Abstractions.Conversations;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Conversations;

/// <summary>
/// Typing and read marks: passed on live to whoever watches, kept only in this activation's memory and never written
/// (a keystroke must not cost a commit). After a deactivation the marks start again from nothing, which only means
/// "read" shows again with the next one.
/// </summary>
internal sealed partial class ConversationGrain
{
    /// <summary>Typing is passed on at most this often per side; the widget and the console show it a little longer.</summary>
    internal static readonly TimeSpan TypingEvery = TimeSpan.FromSeconds(2);

    private DateTimeOffset _customerTypingAt = DateTimeOffset.MinValue;
    private DateTimeOffset _operatorTypingAt = DateTimeOffset.MinValue;
    private long _readByOperator;
    private long _readByCustomer;

    /// <inheritdoc />
    public async Task SignalAsync(ConversationSignalKind kind, Guid? operatorId, long upToSeq)
    {
        var current = Existing();
        if (kind == ConversationSignalKind.OperatorTyping)
        {
            AssignedTo(operatorId ?? Guid.Empty); // as for a reply: only the operator who has the chat
        }

        if (current.Status == ConversationStatus.Closed)
        {
            return;
        }

        var now = time.GetUtcNow();
        var upTo = Math.Clamp(upToSeq, 0, current.LastSeq);
        // The customer's signals go to every operator of the tenant: only while a person is wanted or has the chat.
        var operatorsCare = current.Status is ConversationStatus.WaitingForOperator or ConversationStatus.LiveChat;
        switch (kind)
        {
            case ConversationSignalKind.CustomerTyping when operatorsCare && now - _customerTypingAt >= TypingEvery:
                _customerTypingAt = now;
                await PublishAsync(new ConversationEvent(View(current, _details), [], new ConversationSignal(_key.ConversationId, kind, now, current.LastSeq)));
                break;
            case ConversationSignalKind.ReadByCustomer when operatorsCare && upTo > _readByCustomer:
                _readByCustomer = upTo;
                await PublishAsync(new ConversationEvent(View(current, _details), [], new ConversationSignal(_key.ConversationId, kind, now, upTo)));
                break;
            case ConversationSignalKind.OperatorTyping when now - _operatorTypingAt >= TypingEvery:
                _operatorTypingAt = now;
                await TellObserversAsync(new ConversationSignal(_key.ConversationId, kind, now, current.LastSeq));
                break;
            case ConversationSignalKind.ReadByOperator when upTo > _readByOperator:
                _readByOperator = upTo;
                await TellObserversAsync(new ConversationSignal(_key.ConversationId, kind, now, upTo));
                break;
        }
    }

    /// <summary>A new observer (a widget that just connected or renewed) learns how far operators have read.</summary>
    private async Task TellReadMarkAsync(IConversationObserver observer)
    {
        if (_readByOperator == 0)
        {
            return;
        }

        try
        {
            await observer.OnSignalAsync(new ConversationSignal(_key.ConversationId, ConversationSignalKind.ReadByOperator, time.GetUtcNow(), _readByOperator));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A mark is a courtesy: an observer that cannot take it (an older silo's, during an upgrade) still gets messages.
            LogSignalFailed(logger, ex, _key.ConversationId);
        }
    }

    private async Task TellObserversAsync(ConversationSignal signal)
    {
        if (_observers.Count > 0)
        {
            await _observers.Notify(o => o.OnSignalAsync(signal));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A live observer of conversation {ConversationId} did not take a signal")]
    private static partial void LogSignalFailed(ILogger logger, Exception exception, Guid conversationId);
}
