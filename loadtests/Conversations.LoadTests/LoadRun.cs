using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conversations.LoadTests;

/// <summary>
/// One load run against running silos: a tenant with a Telegram bot (its Bot API is a local stand-in), a widget, with
/// <see cref="LoadSettings.WhatsAppShare"/> a WhatsApp number (its Graph API is the same stand-in), and an FAQ that
/// answers every load message; simulated customers write at fixed rates through the webhook and the
/// widget API, simulated operators watch the live feed and answer the customers who asked for them.
/// </summary>
/// <remarks>
/// By phase: <c>.WarmUp</c>, <c>.Sweep</c> (rate steps), <c>.Verification</c>, <c>.Report</c> (measurements), <c>.Operators</c>
/// (simulated operators and the requests customers send); this file holds the run's state.
/// </remarks>
internal sealed partial class LoadRun(LoadSettings settings, BotApiStandInProcess botApi, IReadOnlyList<Uri> targets, IReadOnlyList<int> pids)
{
    // A bot per run, so runs can repeat against the same silos (a bot token belongs to one tenant).
    internal long BotId { get; } = Random.Shared.NextInt64(100_000_000, 999_999_999);
    private string Token => $"{BotId}:AAE-load-generator-token-abcdefghij";
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
    private readonly ConcurrentDictionary<long, Sent> _sent = new(); // acknowledged messages by sequence (update_id)
    private readonly Dictionary<long, Customer> _customersById = [];
    private long _botReplies;
    private long _unpairedReplies;
    private readonly ConcurrentQueue<(long Chat, long At)> _extraReplies = new();
    private long _awaitingReplies;

    /// <summary>How long a message that was not acknowledged is delivered again (Telegram keeps trying for longer).</summary>
    private static readonly TimeSpan RedeliverFor = TimeSpan.FromSeconds(60);

    /// <summary>Chats with a message no silo acknowledged within <see cref="RedeliverFor"/>: their replies cannot be checked.</summary>
    private readonly ConcurrentBag<long> _unacknowledged = [];
    private readonly ConcurrentDictionary<long, long> _seenByOperator = new();
    private readonly ConcurrentDictionary<Guid, byte> _operatorAnswered = new();
    private readonly ConcurrentDictionary<Guid, byte> _takenConversations = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, long>> _feedLastSeq = new(); // operator → conversation → last seq seen
    private long _lastOperatorActionAt = Stopwatch.GetTimestamp();
    private Customer[] _customers = [];
    private string _slug = "";
    private string _widgetKey = "";
    private string _secret = "";
    private long _updateId;
    private int _nextTarget;

    public Guid TenantId { get; private set; }

    /// <summary>The run's tenant's slug (the platform API names tenants by it).</summary>
    public string Slug => _slug;

    /// <summary>The secret the platform registered with setWebhook (the bare webhook checks the same).</summary>
    internal string WebhookSecret => _secret;

    public IReadOnlyCollection<Guid> TakenConversations => [.. _takenConversations.Keys];

    public int OperatorReplies => _operatorAnswered.Count;

    private sealed class Customer(long id, LoadChannel channel, bool asksForOperator)
    {
        private int _busy;

        public long Id { get; } = id;

        public LoadChannel Channel { get; } = channel;

        public bool Widget => Channel == LoadChannel.Widget;

        public bool AsksForOperator { get; } = asksForOperator;

        /// <summary>True for the chats whose every message the bot answers on Telegram or WhatsApp: their replies are paired and timed.</summary>
        public bool Tracked => !Widget && !AsksForOperator;

        public bool Started { get; set; }

        public Task<(string Token, Guid VisitorId)>? WidgetSession { get; set; }

        public Guid VisitorId => WidgetSession is { IsCompletedSuccessfully: true } session ? session.Result.VisitorId : Guid.Empty;

        /// <summary>The message of this chat that waits for the bot's reply (a tracked chat has at most one).</summary>
        public Sent? Awaiting { get; set; }

        /// <summary>Bot replies this chat received.</summary>
        public int Replies { get; set; }

        /// <summary>Takes the chat for a new message: always for an untracked chat, only when no reply is awaited for a tracked one.</summary>
        public bool TryTake() => !Tracked || Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

        /// <summary>Frees a tracked chat for its next message.</summary>
        public void Release() => Volatile.Write(ref _busy, 0);
    }

    /// <summary>A message sent in a step; <see cref="ReplyAt"/> is when its bot reply reached the stand-in (0: not yet).</summary>
    private sealed class Sent(Customer customer, long due, long sequence)
    {
        private int _settled;

        public Customer Customer { get; } = customer;

        public long Due { get; } = due;

        public long Sequence { get; } = sequence;

        public long AckedAt { get; set; }

        public long ReplyAt { get; set; }

        /// <summary>The bot answers it on Telegram or WhatsApp (its reply is paired with it).</summary>
        public bool Bot => Customer.Tracked;

        /// <summary>True once: when its reply came, or when it was given up (refused, never acknowledged).</summary>
        public bool Settle() => Interlocked.Exchange(ref _settled, 1) == 0;
    }
}
