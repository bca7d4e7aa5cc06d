using System.Text.Json;
using System.Text.Json.Serialization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;

namespace Conversations.Persistence.Conversations;

/// <summary>
/// The conversation's own details, kept as JSON in its row (<see cref="ConversationRecord.StateJson"/>): written and
/// read by the conversation grain only (internal, visible to the grains' assembly); the inbox and the queue read
/// <see cref="ConversationSummary"/>. Field names are a storage format: add fields, never rename.
/// </summary>
internal sealed class ConversationDetails
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The customer's last message per channel: the start of each messaging window.</summary>
    public Dictionary<ChannelKind, DateTimeOffset> LastCustomerMessageAt { get; set; } = [];

    /// <summary>
    /// When the platform said a channel's window had closed before its time (WhatsApp error 131047); it counts until
    /// the customer's next message there opens a new window.
    /// </summary>
    public Dictionary<ChannelKind, DateTimeOffset> WindowClosedAt { get; set; } = [];

    /// <summary>Where replies go (the channel the customer wrote from last).</summary>
    public ChannelAddress? ReplyTo { get; set; }

    /// <summary>The customer as the conversation last saw them (the bot reads it; no call back up to the customer grain).</summary>
    public CustomerProfile? Customer { get; set; }

    /// <summary>The bot's own state (scenario step, variables), opaque here.</summary>
    public string? BotSession { get; set; }

    /// <summary>Customer messages in a row the bot did not understand (hands over at the tenant's limit).</summary>
    public int NotUnderstoodInRow { get; set; }

    /// <summary>What the bot remembers to notice frustration (its own JSON, opaque here).</summary>
    public string? BotUnderstanding { get; set; }

    /// <summary>Why the bot offered a human in its last turn; an accepted offer hands over with this reason.</summary>
    public string? OperatorOfferReason { get; set; }

    /// <summary>Why an operator was asked for (while waiting).</summary>
    public string? HandoffReason { get; set; }

    /// <summary>The operator in live chat, by name (for texts and events).</summary>
    public string? OperatorName { get; set; }

    /// <summary>When live chat turns off by itself.</summary>
    public DateTimeOffset? ReleaseAt { get; set; }

    /// <summary>When the conversation closes because the customer stays silent.</summary>
    public DateTimeOffset? IdleCloseAt { get; set; }

    /// <summary>When the customer asked to be called back.</summary>
    public DateTimeOffset? CallbackAt { get; set; }

    /// <summary>The customer's last question the bot could not answer; an operator's next answer is proposed as an FAQ entry.</summary>
    public string? PendingQuestion { get; set; }

    /// <summary>True while the waiting room asked for a phone number for a callback.</summary>
    public bool AwaitingCallbackPhone { get; set; }

    /// <summary>
    /// The language the customer's channel reported (Telegram's language_code, the browser's language), when there are
    /// texts in it; null: the tenant's language.
    /// </summary>
    public string? CustomerLanguage { get; set; }

    /// <summary>The group of operators the chat was transferred to while it waits for one of them (null otherwise).</summary>
    public string? Group { get; set; }

    /// <summary>
    /// The operators' labels (null when there are none). Kept here rather than in an indexed column: every message
    /// rewrites the row, and an index on anything that changes with it would cost each of those updates its HOT path.
    /// </summary>
    public List<string>? Labels { get; set; }

    /// <summary>
    /// The channels on which the bot has said it is a bot in this conversation (null: none yet). Stored with the message
    /// that said it, so neither a redelivered webhook nor a new activation says it twice.
    /// </summary>
    public List<ChannelKind>? AutomationDisclosedOn { get; set; }

    /// <summary>Reads the JSON of a stored row.</summary>
    public static ConversationDetails FromJson(string json) =>
        JsonSerializer.Deserialize<ConversationDetails>(json, Json) ?? new ConversationDetails();

    /// <summary>The JSON to store.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A deep copy, changed and committed before it replaces the current details.</summary>
    public ConversationDetails Clone() => FromJson(ToJson());
}
