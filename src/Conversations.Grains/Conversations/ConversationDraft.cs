using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Media;
using Conversations.Persistence.Outbox;

namespace Conversations.Grains.Conversations;

/// <summary>
/// One grain turn's change under construction: copies of the row and details, the next sequence numbers, the
/// messages and outbox rows to commit, and what to do once committed. Nothing here touches the live state.
/// </summary>
internal sealed class ConversationDraft(ConversationKey key, ConversationRecord current, ConversationDetails details, DateTimeOffset now, IIdGenerator ids)
{
    private readonly List<MessageRecord> _messages = [];
    private readonly List<OutboxItem> _outbox = [];
    private readonly List<Action> _after = [];
    private readonly List<MediaFetch> _fetches = [];
    private readonly long _baseVersion = current.Version;

    /// <summary>The row as it will be (change freely).</summary>
    public ConversationRecord Record { get; set; } = current with { };

    /// <summary>The details as they will be (a copy).</summary>
    public ConversationDetails Details { get; } = details.Clone();

    /// <summary>The time of this turn.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>Messages added so far.</summary>
    public IReadOnlyList<MessageRecord> Messages => _messages;

    /// <summary>Actions to run once the change is committed (one-way calls to other grains, timers).</summary>
    public IReadOnlyList<Action> After => _after;

    /// <summary>
    /// Set for a turn that answers the customer: the tenant's disclosure text, said before the bot's first reply on a
    /// channel it is due on (<see cref="AutomationDisclosure"/>); null in every other turn (operators, timers, the API).
    /// </summary>
    public AutomationDisclosure? Disclosure { get; set; }

    /// <summary>Adds a message with the next sequence number.</summary>
    public ChatMessage Add(MessageDirection direction, MessageContent content, ChannelKind? channel = null, Guid? operatorId = null,
        string? channelMessageId = null, string? dedupKey = null)
    {
        var message = new ChatMessage(ids.NewId(), key.ConversationId, Record.LastSeq + 1, direction, content, channel, channelMessageId, operatorId, Now);
        Record = Record with { LastSeq = message.Seq };
        _messages.Add(new MessageRecord(key.TenantId, Record.CustomerId, dedupKey, message));
        return message;
    }

    /// <summary>Records a conversation event in the history.</summary>
    public ChatMessage Event(ConversationEventKind kind, string? detail = null, Guid? operatorId = null) =>
        Event(new EventContent(kind, detail, operatorId));

    /// <summary>Records a conversation event, with its cause or score, in the history.</summary>
    public ChatMessage Event(EventContent content) =>
        Add(MessageDirection.System, content, operatorId: content.OperatorId);

    /// <summary>
    /// Sends something to the customer on their last channel (bot or operator), through the outbox; a widget reply
    /// needs no outbox row: it is delivered by its commit (the visitor's stream gets it from the conversation's
    /// observers, and the widget reads the history after a reconnect). An operator's message carries the channel's
    /// human-agent tag once the standard window has passed (Messenger's HUMAN_AGENT); a bot's never does, unless the
    /// caller names the tag its purpose allows (<paramref name="messageTag"/>, a message the business started).
    /// </summary>
    /// <param name="content">What to send.</param>
    /// <param name="direction">Bot or operator.</param>
    /// <param name="operatorId">The operator who sends it.</param>
    /// <param name="to">Where it goes when not to the last channel (a message the business starts, on the channel it chose).</param>
    /// <param name="dedupKey">The message's dedup key (the idempotency key of a message the business starts).</param>
    /// <param name="messageTag">The channel's message tag the caller chose for it (a purpose tag), or null.</param>
    public ChatMessage ToCustomer(MessageContent content, MessageDirection direction = MessageDirection.Bot, Guid? operatorId = null,
        ChannelAddress? to = null, string? dedupKey = null, string? messageTag = null)
    {
        to ??= Details.ReplyTo ?? throw DomainException.Rule("The customer has no channel to reply to yet.");
        if (direction == MessageDirection.Bot && content is not TemplateContent && Disclosure is { } disclosure && disclosure.IsDueOn(to.Kind, Details))
        {
            (Details.AutomationDisclosedOn ??= []).Add(to.Kind);
            ToCustomer(new TextContent(disclosure.Text), MessageDirection.Bot, to: to);
        }

        var message = Add(direction, content, to.Kind, operatorId, dedupKey: dedupKey);
        if (to.Kind != ChannelKind.Widget)
        {
            var tag = messageTag ?? (direction == MessageDirection.Operator && Details.LastCustomerMessageAt.TryGetValue(to.Kind, out var last)
                ? ChannelCatalog.For(to.Kind).Window.TagForHuman(last, Now)
                : null);
            _outbox.Add(new OutboxItem(message.MessageId, key.TenantId, key.ConversationId, to, content, Now, direction, operatorId, tag));
        }

        return message;
    }

    /// <summary>Queues a notification to the business (e-mail or webhook) through the outbox.</summary>
    public void Notify(ChannelKind kind, string recipient, NotificationContent content) =>
        _outbox.Add(new OutboxItem(ids.NewId(), key.TenantId, key.ConversationId, new ChannelAddress(kind, key.TenantId.ToString("N"), recipient), content, Now,
            MessageDirection.System));

    /// <summary>
    /// Queues the fetch of the file a customer's <paramref name="message"/> refers to (an image or document with the
    /// channel's file id), from the account it came through; nothing for other messages.
    /// </summary>
    public void FetchMediaOf(ChatMessage message, ChannelAddress from)
    {
        var (reference, name) = message.Content switch
        {
            ImageContent { FileId: { Length: > 0 } id, Media: null } => (id, null),
            DocumentContent { FileId: { Length: > 0 } id, Media: null } document => (id, document.FileName),
            _ => ((string?)null, (string?)null),
        };
        if (reference is not null)
        {
            _fetches.Add(new MediaFetch(key.TenantId, key.ConversationId, message.Seq, from.Kind, from.Account, reference, name, Now));
        }
    }

    /// <summary>Runs <paramref name="action"/> after the commit.</summary>
    public void Then(Action action) => _after.Add(action);

    /// <summary>The change to commit: version one up, details serialised, preview and activity from the last message.</summary>
    public ConversationChange ToChange(IReadOnlyList<MessageEdit>? edits = null)
    {
        var last = _messages.LastOrDefault(m => m.Message.Direction != MessageDirection.System);
        var record = Record with
        {
            StateJson = Details.ToJson(),
            Version = _baseVersion + 1,
            LastActivityAt = _messages.Count > 0 || (edits?.Any(e => e.IsRevision) ?? false) ? Now : Record.LastActivityAt,
            LastMessagePreview = last is null ? Record.LastMessagePreview : ConversationText.Preview(last.Message.Content),
        };
        return new ConversationChange(record, Details, _messages, edits ?? [], _outbox, _fetches);
    }
}
