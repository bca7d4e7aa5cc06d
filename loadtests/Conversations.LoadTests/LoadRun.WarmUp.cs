using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.LoadTests;

/// <summary>Warm-up: the tenant, its channels, FAQ and operators, the simulated customers, the conversations opened and taken, the wait until things are quiet.</summary>
internal sealed partial class LoadRun
{
    /// <summary>Creates the tenant, its channels, FAQ and operators, and the simulated customers.</summary>
    public async Task SetUpAsync(CancellationToken cancellationToken)
    {
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
        _secret = await botApi.WebhookSecretAsync(Token);
        await PlatformPostAsync(first, $"/api/v1/platform/tenants/{_slug}/widgets", new { title = "Load", key = _widgetKey });
        if (settings.WhatsAppShare > 0)
        {
            await SetUpWhatsAppAsync(first, cancellationToken);
        }

        var admin = await LoginAsync(first, "admin", "admin-password");
        (await SendAsync(HttpMethod.Put, first, "/api/v1/admin/bot/faq", admin,
            new { entries = new[] { new { id = "order-status", questions = new[] { "Где мой заказ?", "Какой статус заказа?" }, answer = "Ваш заказ в пути." } } }))
            .EnsureSuccessStatusCode();
        var tenantSettings = await Json(await SendAsync(HttpMethod.Get, first, "/api/v1/admin/settings", admin, null));
        var changed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(tenantSettings.GetRawText())!;
        changed["faqThreshold"] = JsonSerializer.SerializeToElement(0.2);
        changed["botGiveUpAfter"] = JsonSerializer.SerializeToElement(20);
        changed["autoReleaseMinutes"] = JsonSerializer.SerializeToElement(settings.AutoReleaseMinutes);
        // A load chat asks the same question again and again, which the frustration meter reads as a customer the bot
        // fails: its offer of a human is a second bot message for one question, and would count as a duplicated reply.
        changed["frustrationOffer"] = JsonSerializer.SerializeToElement(false);
        (await SendAsync(HttpMethod.Put, first, "/api/v1/admin/settings", admin, changed)).EnsureSuccessStatusCode();
        for (var i = 0; i < settings.Operators; i++)
        {
            (await SendAsync(HttpMethod.Post, first, "/api/v1/admin/operators", admin,
                new { username = $"op{i}", displayName = $"Operator {i}", role = "Operator", capacity = 50, password = "operator-password" })).EnsureSuccessStatusCode();
        }

        if (settings.WidgetShare < 0 || settings.WhatsAppShare < 0 || settings.WidgetShare + settings.WhatsAppShare > 1)
        {
            throw new ArgumentException($"The widget ({settings.WidgetShare}) and WhatsApp ({settings.WhatsAppShare}) shares must be between 0 and 1 together (Telegram gets the rest).");
        }

        var random = new Random(42);
        _customers = [.. Enumerable.Range(1, settings.Customers).Select(i => new Customer(
            1_000_000 + i, ChannelFor(random.NextDouble()), random.NextDouble() < settings.HandoffShare))];
        foreach (var customer in _customers)
        {
            _customersById[customer.Id] = customer;
        }

        botApi.StartDraining(OnReply);
        if (_customers.Count(c => c.Tracked) < settings.Rates.DefaultIfEmpty(0).Max() * settings.ReplyLimit.TotalSeconds)
        {
            Console.WriteLine($"  note: {_customers.Count(c => c.Tracked):N0} bot-answered chats are fewer than the highest rate × the reply limit: " +
                "a step may run out of chats without a pending reply (counted as dropped) before the system misses its limit; raise --customers");
        }
    }

    /// <summary>The channel of a customer drawn <paramref name="draw"/> (uniform in [0, 1)): widget, WhatsApp, else Telegram.</summary>
    private LoadChannel ChannelFor(double draw) =>
        draw < settings.WidgetShare ? LoadChannel.Widget : draw < settings.WidgetShare + settings.WhatsAppShare ? LoadChannel.WhatsApp : LoadChannel.Telegram;

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
    /// Opens <paramref name="count"/> conversations (a new Telegram customer each, <paramref name="messagesPerChat"/>
    /// messages one after the other) with <paramref name="concurrency"/> chats in flight; returns how many conversations
    /// had all their messages acknowledged.
    /// </summary>
    public async Task<int> OpenConversationsAsync(long firstUserId, int count, int messagesPerChat, int concurrency, Action<int> progress, CancellationToken cancellationToken)
    {
        var next = -1;
        var acknowledged = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var customer = new Customer(firstUserId + i, LoadChannel.Telegram, asksForOperator: false);
                var target = targets[i % targets.Count];
                var all = true;
                for (var m = 0; m < messagesPerChat; m++)
                {
                    var sequence = Interlocked.Increment(ref _updateId);
                    using var response = await SendTelegramAsync(target, customer, $"Где мой заказ? #{sequence}", sequence, cancellationToken);
                    all &= response.IsSuccessStatusCode;
                }

                if (all && Interlocked.Increment(ref acknowledged) % 10_000 == 0)
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
    /// Drains between steps: waits until every message of the bot-answered chats has its reply and the operators'
    /// feeds showed the last customer message sent, so a step starts without the previous one's backlog; how long
    /// that took, or null after <paramref name="limit"/>.
    /// </summary>
    public async Task<TimeSpan?> WaitUntilQuietAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var last = _sent.Values.Where(s => !s.Customer.AsksForOperator).Select(s => s.Sequence).DefaultIfEmpty().Max();
        while (watch.Elapsed < limit)
        {
            if (Interlocked.Read(ref _awaitingReplies) == 0 && (settings.Operators == 0 || last == 0 || _seenByOperator.ContainsKey(last)))
            {
                return watch.Elapsed;
            }

            await Task.Delay(100, cancellationToken);
        }

        return null;
    }
}
