using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Conversations.Api.Reports;
using Conversations.Persistence.Postgres;
using Conversations.Persistence.Reports;
using Conversations.Persistence.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Conversations.LoadTests;

/// <summary>
/// Report latency on the rollups of a large tenant: a year of hourly buckets standing for <c>--messages</c> messages
/// (at 3.65 messages a conversation), each hour split into <c>--rows-per-hour</c> buckets (channels × operators × entry
/// points), plus noise tenants; the tenant's days cut in Berlin from those hours; then the report reads (whole days and
/// the hours at the ends, and summing: what the endpoint does besides HTTP) timed.
/// </summary>
internal static class ReportBenchmark
{
    public static async Task<int> RunAsync(string connectionString, long messages, int rowsPerHour, int rounds, string? jsonPath)
    {
        await SchemaMigrator.EnsureDatabaseAsync(connectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var tenant = Guid.NewGuid();
        var end = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var start = end.AddDays(-365);
        var conversations = (long)(messages / 3.65);
        var perRow = Math.Max(1, conversations / (365L * 24 * rowsPerHour));

        var generate = Stopwatch.StartNew();
        var rows = await GenerateAsync(dataSource, tenant, start, end, rowsPerHour, perRow);
        foreach (var noise in Enumerable.Range(0, 3))
        {
            await GenerateAsync(dataSource, Guid.NewGuid(), start, end, rowsPerHour / 4 + 1, perRow);
        }

        await using (var analyze = dataSource.CreateCommand("ANALYZE report_rollups"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"generated {rows:N0} rollup rows for the tenant ({conversations:N0} conversations, {messages:N0} messages) in {generate.Elapsed.TotalSeconds:F0} s");
        var store = new PostgresReportStore(dataSource);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // The tenant's days, cut in its zone from its hours as the aggregator's rebuild does (then kept in the same batches as hours).
        var rebuild = Stopwatch.StartNew();
        await store.RebuildDaysAsync(tenant, berlin);
        await using (var analyze = dataSource.CreateCommand("ANALYZE report_daily_rollups"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"days rebuilt from the tenant's hours in {rebuild.Elapsed.TotalSeconds:F1} s");
        var cases = new (string Name, ReportKind Kind, int Days, ReportGranularity Granularity)[]
        {
            ("overview, 7 days by hour", ReportKind.Overview, 7, ReportGranularity.Hour),
            ("overview, 7 days by day (+ previous 7)", ReportKind.Overview, 7, ReportGranularity.Day),
            ("overview, 30 days by day (+ previous 30)", ReportKind.Overview, 30, ReportGranularity.Day),
            ("conversations, 30 days by day and channel", ReportKind.Conversations, 30, ReportGranularity.Day),
            ("operators, 30 days", ReportKind.Operators, 30, ReportGranularity.Day),
            ("overview, 365 days by week (+ previous)", ReportKind.Overview, 365, ReportGranularity.Week),
        };
        var results = new List<object>();
        foreach (var (name, kind, days, granularity) in cases)
        {
            var parameters = new ReportParameters(end.AddDays(-days), end, berlin, granularity, null, null, false);
            var timings = new List<double>();
            for (var round = 0; round < rounds + 2; round++)
            {
                var clock = Stopwatch.StartNew();
                var hoursOnly = granularity == ReportGranularity.Hour;
                var (rollups, _) = await store.ReadAsync(tenant, parameters.FromUtc, parameters.ToUtc, berlin, hoursOnly, null, null);
                var lines = ReportCalculator.Rows(kind, rollups, parameters);
                var total = ReportCalculator.Total(rollups);
                if (kind == ReportKind.Overview)
                {
                    var before = parameters.Previous();
                    ReportCalculator.Total((await store.ReadAsync(tenant, before.FromUtc, before.ToUtc, berlin, hoursOnly, null, null)).Rollups);
                }

                clock.Stop();
                if (round >= 2)
                {
                    timings.Add(clock.Elapsed.TotalMilliseconds); // the first two warm caches and the JIT
                }

                if (round == 0)
                {
                    Console.WriteLine($"  {name}: {rollups.Count:N0} buckets read, {lines.Count} lines, {total.Started:N0} conversations");
                }
            }

            timings.Sort();
            var (p50, p95) = (timings[timings.Count / 2], timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(timings.Count * 0.95) - 1)]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: p50 {p50:F0} ms, p95 {p95:F0} ms over {rounds} rounds"));
            results.Add(new { name, days, granularity = granularity.ToString(), p50Ms = Math.Round(p50, 1), p95Ms = Math.Round(p95, 1) });
        }

        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(new { messages, conversations, rowsPerHour, tenantRows = rows, rounds, results },
                new JsonSerializerOptions { WriteIndented = true }));
        }

        return 0;
    }

    /// <summary>One bucket per hour and slot, its figures a fixed spread of <paramref name="perRow"/> conversations (values do not change the cost).</summary>
    private static async Task<long> GenerateAsync(NpgsqlDataSource dataSource, Guid tenant, DateTimeOffset start, DateTimeOffset end, int rowsPerHour, long perRow)
    {
        var figures = new long[ReportFigures.Length];
        figures[ReportFigures.Started] = perRow;
        figures[ReportFigures.Contained] = perRow * 7 / 10;
        figures[ReportFigures.HandedOverBase + 1] = perRow - figures[ReportFigures.Contained];
        figures[ReportFigures.Taken] = figures[ReportFigures.HandedOverBase + 1];
        figures[ReportFigures.WaitHistogram + 6] = figures[ReportFigures.Taken];
        figures[ReportFigures.FirstResponseHistogram + 7] = figures[ReportFigures.Taken];
        figures[ReportFigures.CustomerMessages] = perRow * 2;
        figures[ReportFigures.BotMessages] = perRow;
        await using var command = dataSource.CreateCommand("""
            INSERT INTO report_rollups (tenant_id, hour, channel, operator_id, entry_point, figures)
            SELECT @tenant, h, (1 + slot % 3)::smallint,
                   CASE WHEN slot < 12 THEN '00000000-0000-0000-0000-000000000000'::uuid ELSE md5(slot::text)::uuid END,
                   CASE WHEN slot < 12 THEN 'entry' || (slot / 3) ELSE '' END, @figures
            FROM generate_series(@start, @end - interval '1 hour', interval '1 hour') AS h, generate_series(0, @slots - 1) AS slot
            """);
        command.CommandTimeout = 3600;
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenant));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("start", start.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("end", end.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<int>("slots", rowsPerHour));
        command.Parameters.Add(new NpgsqlParameter<long[]>("figures", figures));
        return await command.ExecuteNonQueryAsync();
    }
}
