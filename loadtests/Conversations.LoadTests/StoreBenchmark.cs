using System.Diagnostics;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Outbox;
using Conversations.Persistence.Postgres;
using Conversations.Persistence.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.LoadTests;

/// <summary>
/// Appended messages per second through the group-commit store, next to the same database's rate of
/// raw single-row autocommit INSERTs with the same concurrency: how much batching buys on this machine.
/// </summary>
internal static class StoreBenchmark
{
    public static async Task<int> RunAsync(string connectionString, int writers, TimeSpan duration, string? jsonPath, BatchWriterOptions writerOptions)
    {
        await SchemaMigrator.EnsureDatabaseAsync(connectionString);
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString) { ConnectionStringBuilder = { MaxPoolSize = Math.Max(100, writers + 10) } }.Build();
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        Console.WriteLine($"Store benchmark: {writers} concurrent writers (one conversation each), {duration.TotalSeconds:0} s per phase, {Environment.ProcessorCount} cores");

        var raw = await RawInsertsAsync(dataSource, writers, duration);
        Console.WriteLine($"  raw single-row INSERT (autocommit): {raw.PerSecond:N0} rows/s; {raw.Latency}");

        var batched = await BatchedAppendsAsync(dataSource, writers, duration, writerOptions);
        Console.WriteLine($"  batched writer (group commit, {writerOptions.Writers} writer loops, batches up to {writerOptions.MaxBatchSize}): {batched.PerSecond:N0} messages/s; {batched.Latency}");
        Console.WriteLine($"  batched / raw: {batched.PerSecond / Math.Max(1, raw.PerSecond):0.0}x");

        if (jsonPath is not null)
        {
            var report = new { benchmark = "store", writers, durationSeconds = duration.TotalSeconds, cores = Environment.ProcessorCount, raw, batched };
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"  report: {jsonPath}");
        }

        return 0;
    }

    private static async Task<PhaseResult> RawInsertsAsync(NpgsqlDataSource dataSource, int writers, TimeSpan duration)
    {
        await using (var create = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, conversation_id uuid NOT NULL, seq bigint NOT NULL, content jsonb NOT NULL, created_at timestamptz NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var latency = new LatencyRecorder();
        var count = 0L;
        var stop = DateTime.UtcNow + duration;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            var conversation = Guid.NewGuid();
            var seq = 0L;
            while (DateTime.UtcNow < stop)
            {
                var t = Stopwatch.GetTimestamp();
                await using var insert = dataSource.CreateCommand("INSERT INTO bench_raw (conversation_id, seq, content, created_at) VALUES (@c, @s, @j::jsonb, now())");
                insert.Parameters.AddWithValue("c", conversation);
                insert.Parameters.AddWithValue("s", ++seq);
                insert.Parameters.AddWithValue("j", """{"type":"text","text":"Где мой заказ? Номер 123456"}""");
                await insert.ExecuteNonQueryAsync();
                latency.Record(t);
                Interlocked.Increment(ref count);
            }
        })));
        return new PhaseResult(count, Stopwatch.GetElapsedTime(started).TotalSeconds, latency.Summarize());
    }

    private static async Task<PhaseResult> BatchedAppendsAsync(NpgsqlDataSource dataSource, int writers, TimeSpan duration, BatchWriterOptions writerOptions)
    {
        await using var writer = new GroupCommitWriter(dataSource, Options.Create(writerOptions), NullLogger<GroupCommitWriter>.Instance);
        writer.Start();
        var store = new PostgresConversationStore(writer, new ConversationReads(dataSource));
        var tenant = Guid.NewGuid();
        var latency = new LatencyRecorder();
        var count = 0L;
        var stop = DateTime.UtcNow + duration;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            var conversation = Guid.NewGuid();
            var customer = Guid.NewGuid();
            var seq = 0L;
            var opened = DateTimeOffset.UtcNow;
            while (DateTime.UtcNow < stop)
            {
                var t = Stopwatch.GetTimestamp();
                var now = DateTimeOffset.UtcNow;
                seq++;
                var message = new ChatMessage(Guid.CreateVersion7(), conversation, seq, MessageDirection.Customer,
                    new TextContent("Где мой заказ? Номер 123456"), ChannelKind.Telegram, seq.ToString(System.Globalization.CultureInfo.InvariantCulture), null, now);
                var record = new ConversationRecord(tenant, conversation, customer, ConversationStatus.Bot, null, opened, null, seq,
                    now, now, null, ChannelKind.Telegram, "Bench", "Где мой заказ?", "{}", seq);
                await store.CommitAsync(new ConversationCommit(record, [new MessageRecord(tenant, customer, $"bench:{conversation:N}:{seq}", message)], []));
                latency.Record(t);
                Interlocked.Increment(ref count);
            }
        })));
        return new PhaseResult(count, Stopwatch.GetElapsedTime(started).TotalSeconds, latency.Summarize());
    }

    /// <summary>
    /// The store ceiling of a load run: turns per second through the group-commit writer when each turn writes the rows
    /// a bot-answered Telegram message writes today — the inbound message and the conversation row (one commit), then
    /// the bot's reply, its outbox row and the conversation row with the bot cursor moved (a second commit, after the
    /// first, as the grain does); <paramref name="commitsPerTurn"/> 1 puts them in one commit. Runs on a database of its
    /// own on the same server (<c>{database}_store_ceiling</c>), so the silos' dispatcher never sees its outbox rows.
    /// </summary>
    public static async Task<StoreCeiling> TurnCeilingAsync(string connectionString, int writers, TimeSpan duration, int commitsPerTurn)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Database += "_store_ceiling";
        builder.MaxPoolSize = Math.Max(100, writers + 10);
        await SchemaMigrator.EnsureDatabaseAsync(builder.ConnectionString);
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        await using var writer = new GroupCommitWriter(dataSource, Options.Create(new BatchWriterOptions()), NullLogger<GroupCommitWriter>.Instance);
        writer.Start();
        var store = new PostgresConversationStore(writer, new ConversationReads(dataSource));
        var tenant = Guid.NewGuid();
        var latency = new LatencyRecorder();
        var turns = 0L;
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            await Task.Yield();
            var conversation = Guid.NewGuid();
            var customer = Guid.NewGuid();
            var chat = (1_000_000 + w).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var opened = DateTimeOffset.UtcNow;
            var seq = 0L;
            var version = 0L;
            while (Stopwatch.GetTimestamp() < stop)
            {
                var t = Stopwatch.GetTimestamp();
                var now = DateTimeOffset.UtcNow;
                var inbound = new ChatMessage(Guid.CreateVersion7(), conversation, ++seq, MessageDirection.Customer,
                    new TextContent($"Где мой заказ? #{seq}"), ChannelKind.Telegram, seq.ToString(System.Globalization.CultureInfo.InvariantCulture), null, now);
                var customerSeq = seq;
                var reply = new ChatMessage(Guid.CreateVersion7(), conversation, ++seq, MessageDirection.Bot,
                    new TextContent("Ваш заказ в пути."), ChannelKind.Telegram, null, null, now);
                var inboundRow = new MessageRecord(tenant, customer, $"tg:ceiling:{conversation:N}:{customerSeq}", inbound);
                var replyRow = new MessageRecord(tenant, customer, null, reply);
                var outbox = new OutboxItem(reply.MessageId, tenant, conversation, new ChannelAddress(ChannelKind.Telegram, "ceiling", chat), reply.Content, now);
                ConversationRecord Row(long lastSeq, long cursor, string preview) => new(tenant, conversation, customer, ConversationStatus.Bot, null, opened, null,
                    lastSeq, now, now, null, ChannelKind.Telegram, "Ceiling", preview, "{}", ++version, customerSeq, cursor);
                if (commitsPerTurn == 1)
                {
                    await store.CommitAsync(new ConversationCommit(Row(seq, customerSeq, "Ваш заказ в пути."), [inboundRow, replyRow], [], [outbox]));
                }
                else
                {
                    await store.CommitAsync(new ConversationCommit(Row(customerSeq, Math.Max(0, customerSeq - 2), $"Где мой заказ? #{customerSeq}"), [inboundRow], []));
                    await store.CommitAsync(new ConversationCommit(Row(seq, customerSeq, "Ваш заказ в пути."), [replyRow], [], [outbox]));
                }

                latency.Record(t);
                Interlocked.Increment(ref turns);
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new StoreCeiling(writers, commitsPerTurn, Math.Round(turns / seconds, 0), latency.Summarize());
    }

    private sealed record PhaseResult(long Count, double Seconds, LatencySummary Latency)
    {
        public double PerSecond => Math.Round(Count / Seconds, 0);
    }
}
