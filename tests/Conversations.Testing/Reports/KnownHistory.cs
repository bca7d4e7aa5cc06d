using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Conversations;

namespace Conversations.Testing.Reports;

/// <summary>
/// A generated history with known answers, committed through a real conversation store the way the grains commit (next
/// seq, next version). 100 conversations, one every 15 minutes from <see cref="Start"/> (2026-10-24 12:00 UTC, so they
/// cross midnight in Berlin and UTC and the night Berlin's clocks go back, 2026-10-25 03:00 CEST → 02:00 CET).
/// Conversation i is, by i mod 10:
/// 0–6 resolved by the bot alone (70): "/start promo" for 2–4 (30 with entry point "promo"); for 0 a survey answered 5 of
/// 1–5 (10), for 1 with i &lt; 50 a survey offered and not answered (5);
/// 7 the customer asked for a human (10): taken by operator A after 60 s, first reply 30 s later, closed 120 s after that;
/// for i &lt; 50 a survey answered 2 of 1–5 (5);
/// 8 the customer asked (10): taken by operator B after 240 s, first reply 60 s later, closed 120 s after that;
/// 9 the bot gave up (10): nobody took it, closed after 600 s of waiting (abandoned).
/// Odd conversations come from Telegram, even ones from the widget.
/// </summary>
public sealed class KnownHistory(Guid tenantId, Guid? operatorA = null)
{
    /// <summary>When the first conversation starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 10, 24, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Operator A when none is given (takes the i mod 10 = 7 conversations).</summary>
    public static readonly Guid DefaultOperatorA = Guid.Parse("0a0a0a0a-0000-0000-0000-00000000000a");

    /// <summary>Operator B (takes the i mod 10 = 8 conversations).</summary>
    public static readonly Guid OperatorB = Guid.Parse("0b0b0b0b-0000-0000-0000-00000000000b");

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; } = tenantId;

    /// <summary>Operator A (takes the i mod 10 = 7 conversations).</summary>
    public Guid OperatorA { get; } = operatorA ?? DefaultOperatorA;

    /// <summary>The conversations' ids, by i.</summary>
    public IReadOnlyList<Guid> Conversations { get; } = [.. Enumerable.Range(0, 100).Select(_ => Guid.NewGuid())];

    /// <summary>
    /// Commits conversation <paramref name="i"/>'s history in two commits (its start, then its end), calling
    /// <paramref name="between"/> after the first so a report can be counted while the conversation is still going.
    /// </summary>
    public async Task CommitAsync(IConversationStore store, int i, Func<Task>? between = null)
    {
        var c = new Conversation(TenantId, Conversations[i], i % 2 == 1 ? ChannelKind.Telegram : ChannelKind.Widget, Start.AddMinutes(15 * i));
        var kind = i % 10;
        c.Customer(kind is >= 2 and <= 4 ? "/start promo" : "hello", 0);
        c.Bot("Hi! How can I help?", 1);
        switch (kind)
        {
            case 0:
                c.Event(new EventContent(ConversationEventKind.SurveyOffered, "rate"), 2);
                c.Customer("5", 3);
                c.Event(new EventContent(ConversationEventKind.SurveyAnswered, "rate: 5", Score: new("rate", 5, 1, 5)), 3);
                break;
            case 1 when i < 50:
                c.Event(new EventContent(ConversationEventKind.SurveyOffered, "rate"), 2);
                break;
            case 7 or 8:
                c.Customer("operator please", 5);
                c.Event(new EventContent(ConversationEventKind.OperatorRequested, "The customer asked for an operator.", Cause: HandoffCause.Asked), 5);
                break;
            case 9:
                c.Customer("blah", 2);
                c.Bot("Not sure", 2);
                c.Customer("blah blah", 3);
                c.Bot("Not sure", 3);
                c.Event(new EventContent(ConversationEventKind.OperatorRequested, "The bot did not understand 2 messages in a row.", Cause: HandoffCause.BotGaveUp), 3);
                break;
        }

        await store.CommitAsync(c.Commit());
        if (between is not null)
        {
            await between();
        }

        switch (kind)
        {
            case 7 or 8:
                var (op, wait, reply) = kind == 7 ? (OperatorA, 60, 30) : (OperatorB, 240, 60);
                c.Event(new EventContent(ConversationEventKind.LiveChatStarted, "Operator", op), 5 + wait);
                c.Operator("Hello, I am here", op, 5 + wait + reply);
                if (kind == 7 && i < 50)
                {
                    c.Event(new EventContent(ConversationEventKind.SurveyOffered, "rate"), 5 + wait + reply + 10);
                    c.Customer("2", 5 + wait + reply + 20);
                    c.Event(new EventContent(ConversationEventKind.SurveyAnswered, "rate: 2", Score: new("rate", 2, 1, 5)), 5 + wait + reply + 20);
                }

                c.Event(new EventContent(ConversationEventKind.ConversationClosed, "closed by the operator", op), 5 + wait + reply + 120);
                break;
            case 9:
                c.Event(new EventContent(ConversationEventKind.ConversationClosed, "closed: the customer stayed silent"), 3 + 600);
                break;
            default:
                c.Customer("thanks", 4);
                break;
        }

        await store.CommitAsync(c.Commit());
    }

    /// <summary>Commits every conversation.</summary>
    public async Task CommitAllAsync(IConversationStore store, Func<int, Task>? between = null)
    {
        for (var i = 0; i < Conversations.Count; i++)
        {
            var index = i;
            await CommitAsync(store, i, between is null ? null : () => between(index));
        }
    }

    private sealed class Conversation(Guid tenantId, Guid conversationId, ChannelKind channel, DateTimeOffset start)
    {
        private readonly Guid _customerId = Guid.NewGuid();
        private readonly List<MessageRecord> _pending = [];
        private long _seq;
        private long _version;

        public void Customer(string text, int atSecond) => Add(MessageDirection.Customer, new TextContent(text), atSecond, channel, null, Guid.NewGuid().ToString("N"));

        public void Bot(string text, int atSecond) => Add(MessageDirection.Bot, new TextContent(text), atSecond, channel, null, null);

        public void Operator(string text, Guid operatorId, int atSecond) => Add(MessageDirection.Operator, new TextContent(text), atSecond, channel, operatorId, null);

        public void Event(EventContent content, int atSecond) => Add(MessageDirection.System, content, atSecond, null, content.OperatorId, null);

        public ConversationCommit Commit()
        {
            var last = _pending[^1].Message.CreatedAt;
            var record = new ConversationRecord(tenantId, conversationId, _customerId, ConversationStatus.Bot, null, start, null, _seq, last, last, null,
                channel, "Known", "", "{}", ++_version);
            var commit = new ConversationCommit(record, [.. _pending], []);
            _pending.Clear();
            return commit;
        }

        private void Add(MessageDirection direction, MessageContent content, int atSecond, ChannelKind? messageChannel, Guid? operatorId, string? dedupKey) =>
            _pending.Add(new MessageRecord(tenantId, _customerId, dedupKey,
                new ChatMessage(Guid.NewGuid(), conversationId, ++_seq, direction, content, messageChannel, null, operatorId, start.AddSeconds(atSecond))));
    }
}
