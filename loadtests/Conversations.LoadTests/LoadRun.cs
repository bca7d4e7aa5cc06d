using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Testing.Telegram;

namespace Conversations.LoadTests;

/// <summary>
/// One load run against running silos: a tenant with a Telegram bot (its Bot API is a local stand-in), a widget and
/// an FAQ that answers every load message; simulated customers write at fixed rates through the webhook and the
/// widget API, simulated operators watch the live feed and answer the customers who asked for them.
/// </summary>
internal sealed class LoadRun(LoadSettings settings, TelegramBotApiStandIn botApi, IReadOnlyList<Uri> targets, IReadOnlyList<int> pids)
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

    /// <summary>Creates the tenant, its channels, FAQ and operators, and the simulated customers.</summary>
    public async Task SetUpAsync(CancellationToken cancellationToken)
    {
        botApi.AddBot(Token, BotId, "load_bot");
        _slug = "load-" + Guid.NewGuid().ToString("N")[..8];
        _widgetKey = _slug + "-web";
        var first = targets[0];
        using var platform = new HttpRequestMessage(HttpMethod.Post, new Uri(first, "/api/v1/platform/tenants"))
        {
            Content = JsonContent.Create(new { slug = _slug, name = "Load test", adminUsername = "admin", adminPassword = "admin-password" }),
        };
        platform.Headers.Add("X-Platform-Key", settings.PlatformKey);
        var created = await Json(await _http.SendAsync(platform, cancellationToken));
        TenantId = created.GetProperty("tenant").GetProperty("tenantId").GetGuid();

        await PlatformPostAsync(first, $"/api/v1/platform/tenants/{_slug}/telegram-bots", new { token = Token, mode = "Webhook" });
        _secret = botApi.Succeeded("setWebhook").Last(c => c.Token == Token).Field("secret_token")!;
        await PlatformPostAsync(first, $"/api/v1/platform/tenants/{_slug}/widgets", new { title = "Load", key = _widgetKey });

        var admin = await LoginAsync(first, "admin", "admin-password");
        (await SendAsync(HttpMethod.Put, first, "/api/v1/admin/bot/faq", admin,
            new[] { new { id = "order-status", questions = new[] { "Где мой заказ?", "Какой статус заказа?" }, answer = "Ваш заказ в пути." } })).EnsureSuccessStatusCode();
        var tenantSettings = await Json(await SendAsync(HttpMethod.Get, first, "/api/v1/admin/settings", admin, null));
        var changed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(tenantSettings.GetRawText())!;
        changed["faqThreshold"] = JsonSerializer.SerializeToElement(0.2);
        changed["botGiveUpAfter"] = JsonSerializer.SerializeToElement(20);
        changed["autoReleaseMinutes"] = JsonSerializer.SerializeToElement(settings.AutoReleaseMinutes);
        (await SendAsync(HttpMethod.Put, first, "/api/v1/admin/settings", admin, changed)).EnsureSuccessStatusCode();
        for (var i = 0; i < settings.Operators; i++)
        {
            (await SendAsync(HttpMethod.Post, first, "/api/v1/admin/operators", admin,
                new { username = $"op{i}", displayName = $"Operator {i}", role = "Operator", capacity = 50, password = "operator-password" })).EnsureSuccessStatusCode();
        }

        var random = new Random(42);
        _customers = [.. Enumerable.Range(1, settings.Customers).Select(i => new Customer(
            1_000_000 + i, random.NextDouble() < settings.WidgetShare, random.NextDouble() < settings.HandoffShare))];
    }

    /// <summary>Starts the operators: signed in, online, each watching the live feed on a silo and answering their chats.</summary>
    public async Task<IReadOnlyList<Task>> StartOperatorsAsync(CancellationToken cancellationToken)
    {
        var loops = new List<Task>();
        for (var i = 0; i < settings.Operators; i++)
        {
            var target = targets[i % targets.Count];
            var token = await LoginAsync(target, $"op{i}", "operator-password");
            var me = await Json(await SendAsync(HttpMethod.Put, target, "/api/v1/me/presence", token, new { presence = "Online" }));
            loops.Add(OperatorLoopAsync(target, token, me.GetProperty("operatorId").GetGuid(), cancellationToken));
        }

        return loops;
    }

    /// <summary>
    /// Opens <paramref name="count"/> conversations (a new Telegram customer each, one message) with
    /// <paramref name="concurrency"/> requests in flight; returns how many the silos acknowledged.
    /// </summary>
    public async Task<int> OpenConversationsAsync(long firstUserId, int count, int concurrency, Action<int> progress, CancellationToken cancellationToken)
    {
        var next = -1;
        var acknowledged = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var customer = new Customer(firstUserId + i, widget: false, asksForOperator: false);
                var sequence = Interlocked.Increment(ref _updateId);
                var target = targets[i % targets.Count];
                using var response = await SendTelegramAsync(target, customer, $"Где мой заказ? #{sequence}", sequence, cancellationToken);
                if (response.IsSuccessStatusCode && Interlocked.Increment(ref acknowledged) % 10_000 == 0)
                {
                    progress(acknowledged);
                }
            }
        });
        await Task.WhenAll(workers);
        return acknowledged;
    }

    /// <summary>
    /// The tenant admin takes every conversation of the tenant that is not in live chat yet, so each has its
    /// auto-release timer armed (and a durable reminder); returns how many it took.
    /// </summary>
    public async Task<int> TakeAllAsync(int concurrency, Action<int> progress, CancellationToken cancellationToken)
    {
        var target = targets[0];
        var admin = await LoginAsync(target, "admin", "admin-password");
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var path = "/api/v1/inbox?all=true&limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await Json(await SendAsync(HttpMethod.Get, target, path, admin, null));
            ids.AddRange(page.GetProperty("items").EnumerateArray()
                .Where(item => item.GetProperty("status").GetString() is "Bot" or "WaitingForOperator")
                .Select(item => item.GetProperty("conversationId").GetGuid()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.GetProperty("nextCursor").GetString() : null;
        }
        while (cursor is not null);

        var next = -1;
        var taken = 0;
        var refused = new ConcurrentDictionary<int, int>();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Count)
            {
                using var response = await SendAsync(HttpMethod.Post, target, $"/api/v1/conversations/{ids[i]}/take", admin, null);
                if (!response.IsSuccessStatusCode)
                {
                    refused.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                }
                else if (Interlocked.Increment(ref taken) % 10_000 == 0)
                {
                    progress(taken);
                }
            }
        }));
        if (!refused.IsEmpty)
        {
            Console.WriteLine($"  takes refused: {string.Join(", ", refused.Select(r => $"http {r.Key}={r.Value}"))}");
        }

        return taken;
    }

    /// <summary>
    /// Waits until every bot reply owed so far went out and the operators' feeds showed the last customer message
    /// sent (so a step starts without the previous one's backlog); how long that took, or null after <paramref name="limit"/>.
    /// </summary>
    public async Task<TimeSpan?> WaitUntilQuietAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var owed = _sent.Values.Count(s => !s.Customer.Widget && s.Bot);
        var last = _sent.Values.Where(s => !s.Customer.AsksForOperator).Select(s => s.Sequence).DefaultIfEmpty().Max();
        while (watch.Elapsed < limit)
        {
            if (BotRepliesSent() >= owed && (settings.Operators == 0 || _seenByOperator.ContainsKey(last)))
            {
                return watch.Elapsed;
            }

            await Task.Delay(250, cancellationToken);
        }

        return null;
    }

    /// <summary>How many replies the stand-in Bot API received from this run's bot.</summary>
    public int BotRepliesSent() => botApi.Succeeded("sendMessage").Count(c => c.Token == Token);

    /// <summary>One rate step against the silos.</summary>
    public async Task<PhaseResult> RunPhaseAsync(int rate, CancellationToken cancellationToken, TimeSpan? duration = null)
    {
        var acks = new LatencyRecorder();
        var errors = new ConcurrentDictionary<string, int>();
        var acknowledged = 0;
        var sentCount = 0;
        var phaseStart = Stopwatch.GetTimestamp();
        var firstSequence = Interlocked.Read(ref _updateId);
        var random = new Random(rate);
        await OpenLoop.RunAsync(rate, duration ?? TimeSpan.FromSeconds(settings.Seconds), 2000, async (i, due) =>
        {
            Interlocked.Increment(ref sentCount);
            Customer customer;
            lock (random)
            {
                customer = _customers[random.Next(_customers.Length)];
            }

            var sequence = Interlocked.Increment(ref _updateId);
            var text = customer.AsksForOperator && !customer.Started ? "Позовите оператора" : $"Где мой заказ? #{sequence}";
            customer.Started = true;
            // Like Telegram (and the widget script), a message that was not acknowledged is delivered again, same
            // update_id / clientMessageId, until it is: the platform must take it exactly once however often it comes.
            var delay = TimeSpan.FromMilliseconds(250);
            for (var attempt = 1; ; attempt++)
            {
                var target = targets[(int)(Interlocked.Increment(ref _nextTarget) % targets.Count)];
                try
                {
                    using var response = customer.Widget
                        ? await SendWidgetAsync(target, customer, text, sequence, cancellationToken)
                        : await SendTelegramAsync(target, customer, text, sequence, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        acks.Record(due);
                        Interlocked.Increment(ref acknowledged);
                        _sent[sequence] = new Sent(customer, due, Stopwatch.GetTimestamp(), !customer.AsksForOperator, sequence);
                        if (attempt > 1)
                        {
                            errors.AddOrUpdate("acknowledged on a later attempt", 1, (_, n) => n + 1);
                        }

                        return;
                    }

                    errors.AddOrUpdate($"http {(int)response.StatusCode}", 1, (_, n) => n + 1);
                    if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                    {
                        return; // refused for good: Telegram does not retry those either
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
                {
                    errors.AddOrUpdate(ex is InvalidOperationException ? "widget session refused" : ex.GetType().Name, 1, (_, n) => n + 1);
                }

                if (Stopwatch.GetElapsedTime(due) > RedeliverFor)
                {
                    errors.AddOrUpdate("never acknowledged", 1, (_, n) => n + 1);
                    _unacknowledged.Add(customer.Id);
                    return;
                }

                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }, () => errors.AddOrUpdate("dropped (2000 in flight)", 1, (_, n) => n + 1));

        var seconds = Stopwatch.GetElapsedTime(phaseStart).TotalSeconds;
        var lastSequence = Interlocked.Read(ref _updateId);
        return new PhaseResult("conversations", rate, Math.Round(acknowledged / seconds, 1), sentCount, acknowledged, acks.Summarize(),
            await BotReplyLatencyAsync(firstSequence, lastSequence), OperatorScreenLatency(firstSequence, lastSequence),
            new Dictionary<string, int>(errors), Memory());
    }

    /// <summary>The same workload (same webhook bodies) against the bare server.</summary>
    public async Task<PhaseResult> RunCeilingPhaseAsync(Uri bare, int rate, CancellationToken cancellationToken)
    {
        var acks = new LatencyRecorder();
        var errors = new ConcurrentDictionary<string, int>();
        var acknowledged = 0;
        var sentCount = 0;
        var start = Stopwatch.GetTimestamp();
        await OpenLoop.RunAsync(rate, TimeSpan.FromSeconds(settings.Seconds), 2000, async (i, due) =>
        {
            Interlocked.Increment(ref sentCount);
            try
            {
                using var content = new StringContent(TelegramUpdate(9_000_000 + i, 1_000_000 + (i % 5000), $"Где мой заказ? #{i}"), Encoding.UTF8, "application/json");
                var response = await _http.PostAsync(new Uri(bare, "/webhook"), content, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    acks.Record(due);
                    Interlocked.Increment(ref acknowledged);
                }
                else
                {
                    errors.AddOrUpdate($"http {(int)response.StatusCode}", 1, (_, n) => n + 1);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                errors.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
            }
        }, () => errors.AddOrUpdate("dropped (2000 in flight)", 1, (_, n) => n + 1));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new PhaseResult("bare-kestrel", rate, Math.Round(acknowledged / seconds, 1), sentCount, acknowledged, acks.Summarize(), null, null,
            new Dictionary<string, int>(errors), new Dictionary<string, double>());
    }

    /// <summary>
    /// After the run: every acknowledged Telegram message got exactly one bot reply (the stand-in's count per chat),
    /// and, with PostgreSQL, every acknowledged message is stored exactly once.
    /// </summary>
    public async Task<Verification> VerifyAsync(TimeSpan settle, CancellationToken cancellationToken)
    {
        var notChecked = _unacknowledged.ToHashSet();
        var expected = _sent.Values.Where(s => !s.Customer.Widget && s.Bot && !notChecked.Contains(s.Customer.Id))
            .GroupBy(s => s.Customer.Id).ToDictionary(g => g.Key, g => g.Count());
        if (notChecked.Count > 0)
        {
            Console.WriteLine($"  {notChecked.Count} chats had a message no silo acknowledged in {RedeliverFor.TotalSeconds:0} s; their replies are not checked");
        }

        Dictionary<long, int> replies = [];
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < settle)
        {
            replies = RepliesPerChat();
            if (expected.All(e => replies.GetValueOrDefault(e.Key) >= e.Value))
            {
                break;
            }

            await Task.Delay(500, cancellationToken);
        }

        // Give a duplicate the chance to show up before counting.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        replies = RepliesPerChat();
        var missing = expected.Sum(e => Math.Max(0, e.Value - replies.GetValueOrDefault(e.Key)));
        var duplicated = expected.Sum(e => Math.Max(0, replies.GetValueOrDefault(e.Key) - e.Value));
        if (duplicated > 0)
        {
            // When the extra replies went out (seconds into the run), to tell which fault caused them.
            var doubled = expected.Where(e => replies.GetValueOrDefault(e.Key) > e.Value).Select(e => e.Key).ToHashSet();
            var times = botApi.Succeeded("sendMessage").Where(c => c.Token == Token)
                .Where(c => doubled.Contains(long.Parse(c.Field("chat_id")!, CultureInfo.InvariantCulture)))
                .GroupBy(c => (c.Field("chat_id"), c.Field("text"))).Where(g => g.Count() > 1)
                .Select(g => string.Join("/", g.Select(c => (DateTime.UtcNow - Stopwatch.GetElapsedTime(c.ReceivedAt)).ToString("HH:mm:ss.f", CultureInfo.InvariantCulture))));
            Console.WriteLine($"  same reply to one chat more than once, at: {string.Join(", ", times.Take(30))}");
        }

        var verification = new Verification(_sent.Count, expected.Values.Sum(), replies.Values.Sum(), missing, duplicated, null, null);
        if (settings.Postgres is { } postgres)
        {
            var (stored, duplicates) = await CountStoredAsync(postgres, cancellationToken);
            verification = verification with { AcknowledgedMissingInDatabase = _sent.Count - stored, StoredDuplicates = duplicates };
            verification = verification with { FeedsBehind = await FeedsBehindAsync(postgres, cancellationToken) };
        }

        if (settings.AutoReleaseMinutes <= 5 && !_takenConversations.IsEmpty)
        {
            verification = verification with { AutoReleases = await VerifyAutoReleasesAsync(cancellationToken) };
        }

        return verification;
    }

    /// <summary>
    /// Operators' feeds caught up: for each operator, conversations whose last message (in the database) the feed never
    /// showed. The feeds reconnect with Last-Event-ID after a silo dies, so this must end at zero.
    /// </summary>
    private async Task<int> FeedsBehindAsync(string postgres, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<Guid, long>();
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(postgres))
        {
            await using var command = dataSource.CreateCommand("SELECT conversation_id, last_seq FROM conversations WHERE tenant_id = @tenant");
            command.Parameters.AddWithValue("tenant", TenantId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetGuid(0)] = reader.GetInt64(1);
            }
        }

        var behind = 0;
        var watch = Stopwatch.StartNew();
        do
        {
            behind = _feedLastSeq.Values.Sum(seen => stored.Count(c => seen.GetValueOrDefault(c.Key) < c.Value));
            if (behind == 0 || _feedLastSeq.IsEmpty)
            {
                break;
            }

            await Task.Delay(500, cancellationToken);
        }
        while (watch.Elapsed < TimeSpan.FromSeconds(30));

        foreach (var (operatorId, seen) in _feedLastSeq)
        {
            var lagging = stored.Count(c => seen.GetValueOrDefault(c.Key) < c.Value);
            if (lagging > 0)
            {
                Console.WriteLine($"  operator {operatorId}: {lagging} of {stored.Count} conversations behind (feed saw {seen.Count})");
            }
        }

        return behind;
    }

    /// <summary>
    /// Every chat an operator took was handed back to the bot by the auto-release timer exactly once (the operators
    /// answer once and then fall silent), whichever silo held the conversation when the deadline came.
    /// </summary>
    private async Task<AutoReleaseCheck> VerifyAutoReleasesAsync(CancellationToken cancellationToken)
    {
        var due = Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastOperatorActionAt)) - TimeSpan.FromMinutes(settings.AutoReleaseMinutes) - TimeSpan.FromSeconds(20);
        if (due < TimeSpan.Zero)
        {
            Console.WriteLine($"  waiting {-due.TotalSeconds:N0} s for the auto-release deadlines...");
            await Task.Delay(-due, cancellationToken);
        }

        var admin = await LoginAsync(targets[0], "admin", "admin-password");
        int once = 0, never = 0, twice = 0;
        foreach (var id in _takenConversations.Keys)
        {
            using var response = await SendAsync(HttpMethod.Get, targets[0], $"/api/v1/conversations/{id}/messages?includeEvents=true&limit=500", admin, null);
            var history = await Json(response);
            var items = history.ValueKind == JsonValueKind.Array ? history : history.GetProperty("messages");
            var releases = items.EnumerateArray().Count(m =>
                m.GetProperty("content").TryGetProperty("event", out var kind) && kind.GetString() == "LiveChatReleased");
            _ = releases switch { 0 => never++, 1 => once++, _ => twice++ };
        }

        return new AutoReleaseCheck(_takenConversations.Count, once, never, twice);
    }

    private Dictionary<long, int> RepliesPerChat()
    {
        var customers = _customers.Where(c => !c.Widget && !c.AsksForOperator).Select(c => c.Id).ToHashSet();
        return botApi.Succeeded("sendMessage").Where(c => c.Token == Token)
            .Select(c => long.Parse(c.Field("chat_id")!, CultureInfo.InvariantCulture))
            .Where(customers.Contains)
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
    }

    private async Task<(int Stored, int Duplicates)> CountStoredAsync(string postgres, CancellationToken cancellationToken)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(postgres);
        await using var command = dataSource.CreateCommand("""
            SELECT count(*), count(*) - count(DISTINCT dedup_key) FROM messages
            WHERE tenant_id = @tenant AND direction = 1 AND dedup_key = ANY(@keys)
            """);
        command.Parameters.AddWithValue("tenant", TenantId);
        command.Parameters.AddWithValue("keys", _sent.Select(s => DedupKey(s.Key, s.Value.Customer)).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    private string DedupKey(long sequence, Customer customer) =>
        customer.Widget ? $"w:{_widgetKey}:{customer.VisitorId:N}:{sequence}" : $"tg:{BotId}:{sequence}";

    private async Task<LatencySummary?> BotReplyLatencyAsync(long from, long to)
    {
        // Replies trail the acks; give them a moment, then match each chat's replies to its messages in order.
        var relevant = _sent.Where(s => s.Key > from && s.Key <= to && s.Value.Bot && !s.Value.Customer.Widget).ToList();
        var watch = Stopwatch.StartNew();
        Dictionary<long, List<long>> replies;
        do
        {
            replies = botApi.Succeeded("sendMessage").Where(c => c.Token == Token)
                .GroupBy(c => long.Parse(c.Field("chat_id")!, CultureInfo.InvariantCulture))
                .ToDictionary(g => g.Key, g => g.Select(c => c.ReceivedAt).Order().ToList());
            if (relevant.All(s => replies.ContainsKey(s.Value.Customer.Id)))
            {
                break;
            }

            await Task.Delay(250);
        }
        while (watch.Elapsed < TimeSpan.FromSeconds(15));

        var recorder = new LatencyRecorder();
        foreach (var chat in _sent.Values.Where(s => s.Bot && !s.Customer.Widget).GroupBy(s => s.Customer.Id))
        {
            if (!replies.TryGetValue(chat.Key, out var times))
            {
                continue;
            }

            var sends = chat.OrderBy(s => s.AckedAt).ToList();
            for (var i = 0; i < Math.Min(sends.Count, times.Count); i++)
            {
                if (times[i] >= sends[i].AckedAt && sends[i].Sequence > from && sends[i].Sequence <= to)
                {
                    recorder.RecordMilliseconds(Stopwatch.GetElapsedTime(sends[i].Due, times[i]).TotalMilliseconds);
                }
            }
        }

        return recorder.Count == 0 ? null : recorder.Summarize();
    }

    private LatencySummary? OperatorScreenLatency(long from, long to)
    {
        var recorder = new LatencyRecorder();
        foreach (var (sequence, seenAt) in _seenByOperator)
        {
            if (sequence > from && sequence <= to && _sent.TryGetValue(sequence, out var sent))
            {
                recorder.RecordMilliseconds(Stopwatch.GetElapsedTime(sent.Due, seenAt).TotalMilliseconds);
            }
        }

        return recorder.Count == 0 ? null : recorder.Summarize();
    }

    private Dictionary<string, double> Memory() =>
        pids.Select((pid, i) => (Key: $"silo{i + 1}", Value: Rss(pid))).Where(m => m.Value > 0).ToDictionary(m => m.Key, m => m.Value);

    private static double Rss(int pid)
    {
        try
        {
            return SiloProcess.ResidentMegabytes(pid);
        }
        catch (IOException)
        {
            return 0; // the silo was killed (fault run)
        }
    }

    /// <summary>An operator: watches the feed (reconnecting), notes when customers' messages appear, answers chats assigned to them.</summary>
    private async Task OperatorLoopAsync(Uri target, string token, Guid operatorId, CancellationToken cancellationToken)
    {
        string? lastEventId = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target, "/api/v1/events"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (lastEventId is not null)
                {
                    request.Headers.Add("Last-Event-ID", lastEventId);
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                string? eventId = null;
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        eventId = line[4..];
                    }
                    else if (line.StartsWith("data: {", StringComparison.Ordinal))
                    {
                        lastEventId = eventId ?? lastEventId;
                        await OnFeedEventAsync(target, token, operatorId, JsonDocument.Parse(line[6..]).RootElement, cancellationToken);
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException)
            {
                // The silo went away (fault run): reconnect, possibly elsewhere, resuming after the last event.
                target = targets[Random.Shared.Next(targets.Count)];
                await Task.Delay(500, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task OnFeedEventAsync(Uri target, string token, Guid operatorId, JsonElement feedEvent, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var message in feedEvent.GetProperty("messages").EnumerateArray())
        {
            if (message.GetProperty("direction").GetString() == "Customer"
                && message.GetProperty("content").TryGetProperty("text", out var text)
                && text.GetString() is { } value && value.LastIndexOf('#') is var hash and >= 0
                && long.TryParse(value[(hash + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var sequence))
            {
                _seenByOperator.TryAdd(sequence, now);
            }
        }

        var conversation = feedEvent.GetProperty("conversation");
        var id = conversation.GetProperty("conversationId").GetGuid();
        var lastSeq = conversation.GetProperty("lastSeq").GetInt64();
        _feedLastSeq.GetOrAdd(operatorId, _ => new()).AddOrUpdate(id, lastSeq, (_, seen) => Math.Max(seen, lastSeq));
        if (conversation.GetProperty("status").GetString() == "LiveChat"
            && conversation.GetProperty("assignedOperatorId").ValueKind == JsonValueKind.String
            && conversation.GetProperty("assignedOperatorId").GetGuid() == operatorId
            && _operatorAnswered.TryAdd(id, 0))
        {
            _takenConversations.TryAdd(id, 0);
            Interlocked.Exchange(ref _lastOperatorActionAt, Stopwatch.GetTimestamp());
            var reply = await SendAsync(HttpMethod.Post, target, $"/api/v1/conversations/{id}/messages", token, new { text = "Здравствуйте! Оператор на связи, уже смотрю ваш заказ." });
            if (!reply.IsSuccessStatusCode)
            {
                _operatorAnswered.TryRemove(id, out _);
            }
        }
    }

    private async Task<HttpResponseMessage> SendTelegramAsync(Uri target, Customer customer, string text, long sequence, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, $"/webhooks/telegram/{BotId}"))
        {
            Content = new StringContent(TelegramUpdate(sequence, customer.Id, text), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", _secret);
        return await _http.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWidgetAsync(Uri target, Customer customer, string text, long sequence, CancellationToken cancellationToken)
    {
        // One session per visitor, even when two of their messages go out at once.
        Task<(string Token, Guid VisitorId)> session;
        lock (customer)
        {
            if (customer.WidgetSession is { IsFaulted: true } or { IsCanceled: true })
            {
                customer.WidgetSession = null; // the silo went away mid-session (fault run): start again
            }

            session = customer.WidgetSession ??= CreateSessionAsync();
        }

        async Task<(string, Guid)> CreateSessionAsync()
        {
            var created = await Json(await _http.PostAsJsonAsync(new Uri(target, $"/widget/v1/{_widgetKey}/session"), new { }, cancellationToken));
            return (created.GetProperty("token").GetString()!, created.GetProperty("visitorId").GetGuid());
        }

        var (token, _) = await session;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, $"/widget/v1/{_widgetKey}/messages"))
        {
            Content = JsonContent.Create(new { clientMessageId = sequence.ToString(CultureInfo.InvariantCulture), text }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request, cancellationToken);
    }

    private static string TelegramUpdate(long updateId, long userId, string text) => JsonSerializer.Serialize(new
    {
        update_id = updateId,
        message = new
        {
            message_id = updateId,
            from = new { id = userId, is_bot = false, first_name = "Load", last_name = userId.ToString(CultureInfo.InvariantCulture), language_code = "ru" },
            chat = new { id = userId, type = "private", first_name = "Load" },
            date = 1_790_000_000,
            text,
        },
    });

    private async Task PlatformPostAsync(Uri target, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Platform-Key", settings.PlatformKey);
        (await _http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private async Task<string> LoginAsync(Uri target, string username, string password)
    {
        var response = await _http.PostAsJsonAsync(new Uri(target, "/api/v1/auth/login"), new { tenant = _slug, username, password });
        return (await Json(response)).GetProperty("accessToken").GetString()!;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri target, string path, string token, object? body)
    {
        var request = new HttpRequestMessage(method, new Uri(target, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _http.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

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
