using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using Conversations.Api.Operators.Import;
using Conversations.Persistence.Postgres;
using Conversations.Persistence.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Conversations.LoadTests;

/// <summary>
/// The bulk import's own path (JSON-lines reader → row checks → 1000-row upserts into <c>customer_imports</c> on
/// PostgreSQL) over <c>rows</c> generated on the fly into a pipe, never held whole: rows per second and the process's
/// peak working set, sampled while it runs, against the set before it starts (it must stay flat). The HTTP layer and
/// the applier that turns rows into customers behind are not in the figure.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(string connectionString, long rows)
    {
        await SchemaMigrator.EnsureDatabaseAsync(connectionString);
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var importer = new CustomerImporter(new PostgresCustomerImportStore(dataSource), TimeProvider.System);
        var tenant = Guid.NewGuid();

        for (var run = 1; run <= 2; run++)
        {
            GC.Collect();
            var baseline = Process.GetCurrentProcess().WorkingSet64;
            var peak = baseline;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
                    await Task.Delay(100, CancellationToken.None);
                }
            });
            var pipe = new Pipe();
            var writer = Task.Run(() => WriteRowsAsync(pipe.Writer, rows));
            var started = Stopwatch.GetTimestamp();
            var report = await importer.ImportAsync(tenant, JsonLinesImportReader.ReadAsync(pipe.Reader.AsStream(), CancellationToken.None), CancellationToken.None);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await writer;
            await sampling.CancelAsync();
            await sampler;
            Console.WriteLine($"Import run {run} ({(run == 1 ? "new rows" : "the same file again: nothing to write")}): {report.Rows:N0} rows in {seconds:N1} s = {report.Rows / seconds:N0} rows/s; "
                + $"new {report.New:N0}, changed {report.Changed:N0}, unchanged {report.Unchanged:N0}, failed {report.Failed:N0}; "
                + $"working set {baseline / 1048576.0:N0} MiB before, peak {peak / 1048576.0:N0} MiB ({Environment.ProcessorCount} cores)");
        }

        return 0;
    }

    private static async Task WriteRowsAsync(PipeWriter writer, long rows)
    {
        var line = new StringBuilder();
        for (long i = 0; i < rows; i++)
        {
            line.Clear().Append("{\"externalId\":\"bench-").Append(i).Append("\",\"name\":\"Customer ").Append(i)
                .Append("\",\"phones\":[\"+7900").Append((i % 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture))
                .Append("\"],\"attributes\":{\"plan\":\"gold\",\"ltv\":").Append(i % 1000).Append("}}\n");
            Encoding.UTF8.GetBytes(line.ToString(), writer);
            if (i % 1000 == 999)
            {
                await writer.FlushAsync();
            }
        }

        await writer.CompleteAsync();
    }
}
