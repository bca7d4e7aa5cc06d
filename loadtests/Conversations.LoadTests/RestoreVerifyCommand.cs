using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Conversations.LoadTests;

/// <summary>
/// The checks of the restore drill (loadtests/restore-drill.sh) on a database restored to a point in time:
/// <see cref="KeptAsync"/> right after the restore (every message acknowledged before the restore point is there, once),
/// <see cref="ResumedAsync"/> after a silo started on it (live chats released by their re-armed timers, pending sends
/// delivered).
/// </summary>
internal static class RestoreVerifyCommand
{
    // conversations.status: 3 = live chat (ConversationStatus.LiveChat). outbox: open until finished_at is set.
    private const string Counts = """
        SELECT (SELECT count(*) FROM conversations WHERE status = 3),
               (SELECT count(*) FROM outbox WHERE finished_at IS NULL)
        """;

    public static async Task<int> KeptAsync(string postgres, string acksFile, long markUnixMs, string? original, string? json)
    {
        if (postgres.Length == 0 || !File.Exists(acksFile) || markUnixMs <= 0)
        {
            Console.Error.WriteLine("restore-verify: give --postgres \"<restored database>\", --acks <file written by load --acks-file> and --mark <restore point, Unix ms>.");
            return 2;
        }

        var acks = File.ReadLines(acksFile).Skip(1).Select(line => line.Split(',', 2))
            .Select(parts => (At: long.Parse(parts[0], CultureInfo.InvariantCulture), Key: parts[1])).ToList();
        var before = acks.Where(a => a.At < markUnixMs).Select(a => a.Key).ToArray();
        var after = acks.Where(a => a.At >= markUnixMs).Select(a => a.Key).ToArray();

        await using var restored = NpgsqlDataSource.Create(postgres);
        var (keptBefore, twiceBefore) = await CountStoredAsync(restored, before);
        var (keptAfter, _) = await CountStoredAsync(restored, after);
        var (liveChats, openSends) = await CountOpenAsync(restored);

        // Sends the original system finished after the restore point: the restored database still has them open, so a
        // silo started on it sends them again. That is the restore's exposure to repeated messages.
        int? repeated = null;
        if (original is not null)
        {
            var open = await OpenOutboxIdsAsync(restored);
            await using var source = NpgsqlDataSource.Create(original);
            await using var command = source.CreateCommand("SELECT count(*) FROM outbox WHERE id = ANY(@ids) AND status = 3");
            command.Parameters.AddWithValue("ids", open);
            repeated = (int)(long)(await command.ExecuteScalarAsync())!;
        }

        var missing = before.Length - keptBefore;
        var passed = missing == 0 && twiceBefore == 0;
        Console.WriteLine($"Restored to the restore point: {before.Length} messages acknowledged before it, kept {keptBefore}, missing {missing}, stored twice {twiceBefore}; " +
            $"{after.Length} acknowledged after it, of which {keptAfter} committed before the restore point record");
        Console.WriteLine($"  at the restore point: {liveChats} live chats, {openSends} sends not finished" +
            (repeated is { } r ? $"; {r} of them the original had already sent (they go out again)" : ""));
        Write(json, new { phase = "kept", acknowledgedBefore = before.Length, kept = keptBefore, missing, storedTwice = twiceBefore,
            acknowledgedAfter = after.Length, keptAfter, liveChats, openSends, repeatedSends = repeated, passed });
        Console.WriteLine(passed ? "VERDICT: PASS (restore kept every acknowledged message once)" : "VERDICT: FAIL (acknowledged messages lost or doubled by the restore)");
        return passed ? 0 : 1;
    }

    public static async Task<int> ResumedAsync(string postgres, TimeSpan timeout, string? json)
    {
        if (postgres.Length == 0)
        {
            Console.Error.WriteLine("restore-verify: give --postgres \"<restored database>\".");
            return 2;
        }

        await using var restored = NpgsqlDataSource.Create(postgres);
        var (liveAtStart, openAtStart) = await CountOpenAsync(restored);
        var watch = Stopwatch.StartNew();
        var (live, open) = (liveAtStart, openAtStart);
        while ((live > 0 || open > 0) && watch.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            (live, open) = await CountOpenAsync(restored);
        }

        var passed = live == 0 && open == 0;
        Console.WriteLine($"Silo on the restored database: live chats {liveAtStart} → {live} (released by their timers), " +
            $"sends not finished {openAtStart} → {open}, after {watch.Elapsed.TotalSeconds:N0} s");
        Write(json, new { phase = "resumed", liveChatsAtStart = liveAtStart, liveChats = live, openSendsAtStart = openAtStart, openSends = open,
            seconds = Math.Round(watch.Elapsed.TotalSeconds), passed });
        Console.WriteLine(passed ? "VERDICT: PASS (timers fired and pending sends went out after the restore)" : "VERDICT: FAIL (live chats or sends still open)");
        return passed ? 0 : 1;
    }

    private static async Task<(int Stored, int Twice)> CountStoredAsync(NpgsqlDataSource source, string[] keys)
    {
        await using var command = source.CreateCommand(
            "SELECT count(DISTINCT dedup_key), count(*) - count(DISTINCT dedup_key) FROM messages WHERE direction = 1 AND dedup_key = ANY(@keys)");
        command.Parameters.AddWithValue("keys", keys);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    private static async Task<(int LiveChats, int OpenSends)> CountOpenAsync(NpgsqlDataSource source)
    {
        await using var command = source.CreateCommand(Counts);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    private static async Task<long[]> OpenOutboxIdsAsync(NpgsqlDataSource source)
    {
        var ids = new List<long>();
        await using var command = source.CreateCommand("SELECT id FROM outbox WHERE finished_at IS NULL");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }

    private static void Write(string? path, object report)
    {
        if (path is not null)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        }
    }
}
