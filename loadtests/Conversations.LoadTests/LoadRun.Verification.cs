using System.Diagnostics;
using System.Text.Json;

namespace Conversations.LoadTests;

/// <summary>Verification after the run: nothing lost or doubled, feeds caught up, auto-releases done.</summary>
internal sealed partial class LoadRun
{
    /// <summary>
    /// After the run: every acknowledged Telegram and WhatsApp message got exactly one bot reply (the stand-in's count per chat),
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
        await botApi.DrainAsync(OnReply);
        replies = RepliesPerChat();
        var missing = expected.Sum(e => Math.Max(0, e.Value - replies.GetValueOrDefault(e.Key)));
        var duplicated = expected.Sum(e => Math.Max(0, replies.GetValueOrDefault(e.Key) - e.Value));
        if (duplicated > 0)
        {
            // When the extra replies went out (wall clock), to tell which fault caused them.
            var times = _extraReplies.Select(e => $"chat {e.Chat} at {DateTime.UtcNow - Stopwatch.GetElapsedTime(e.At):HH:mm:ss.f}");
            Console.WriteLine($"  a reply to a chat that waited for none (sent twice): {string.Join(", ", times.Take(30))}");
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

    /// <summary>How many acknowledged messages each channel carried (the verification covers them all).</summary>
    public string AcknowledgedByChannel() =>
        string.Join(", ", _sent.Values.GroupBy(s => s.Customer.Channel).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));

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
        var replies = new Dictionary<long, int>();
        foreach (var customer in _customers.Where(c => c.Tracked))
        {
            lock (customer)
            {
                replies[customer.Id] = customer.Replies;
            }
        }

        return replies;
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
}
