using System.Collections.Concurrent;
using System.Diagnostics;
using Conversations.Testing.Telegram;

namespace Conversations.LoadTests;

/// <summary>
/// One load run against running silos: a tenant with a Telegram bot (its Bot API is a local stand-in), a widget and
/// an FAQ that answers every load message; simulated customers write at fixed rates through the webhook and the
/// widget API, simulated operators watch the live feed and answer the customers who asked for them.
/// </summary>
/// <remarks>
/// By phase: <c>.WarmUp</c>, <c>.Sweep</c> (rate steps), <c>.Verification</c>, <c>.Report</c> (measurements), <c>.Operators</c>
/// (simulated operators and the requests customers send); this file holds the run's state.
/// </remarks>
internal sealed partial class LoadRun(LoadSettings settings, TelegramBotApiStandIn botApi, IReadOnlyList<Uri> targets, IReadOnlyList<int> pids)
{
    // A bot per run, so runs can repeat against the same silos (a bot token belongs to one tenant).
    private readonly long BotId = Random.Shared.NextInt64(100_000_000, 999_999_999);
    private string Token => $"{BotId}:AAE-load-generator-token-abcdefghij";
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
    private readonly ConcurrentDictionary<long, Sent> _sent = new();

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

    public IReadOnlyCollection<Guid> TakenConversations => [.. _takenConversations.Keys];

    public int OperatorReplies => _operatorAnswered.Count;

    private sealed class Customer(long id, bool widget, bool asksForOperator)
    {
        public long Id { get; } = id;

        public bool Widget { get; } = widget;

        public bool AsksForOperator { get; } = asksForOperator;

        public bool Started { get; set; }

        public Task<(string Token, Guid VisitorId)>? WidgetSession { get; set; }

        public Guid VisitorId => WidgetSession is { IsCompletedSuccessfully: true } session ? session.Result.VisitorId : Guid.Empty;
    }

    private sealed record Sent(Customer Customer, long Due, long AckedAt, bool Bot, long Sequence);
}
