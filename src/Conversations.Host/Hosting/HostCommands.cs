using Conversations.Persistence;
using Conversations.Persistence.Schema;
using Npgsql;

namespace Conversations.Host.Hosting;

/// <summary>One-shot commands of the host binary (<c>Conversations.Host migrate</c>).</summary>
internal static class HostCommands
{
    /// <summary>
    /// The container health check: asks this process's <c>/health/live</c> (port from <c>ASPNETCORE_URLS</c>, default 8080)
    /// and exits 0 when it answers 200.
    /// </summary>
    public static async Task<int> HealthCheckAsync()
    {
        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://+:8080";
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0]
            .Replace("+", "127.0.0.1", StringComparison.Ordinal).Replace("*", "127.0.0.1", StringComparison.Ordinal)
            .Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(new Uri(first), "/health/live"));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Creates the database if needed and applies every pending migration, then exits.</summary>
    public static async Task<int> MigrateAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var connectionString = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync(
                "migrate: no database configured. Set ConnectionStrings__Postgres (e.g. \"Host=localhost;Port=5432;Database=conversations;Username=postgres\") or pass --ConnectionStrings:Postgres=\"...\".");
            return 2;
        }

        try
        {
            var created = await SchemaMigrator.EnsureDatabaseAsync(connectionString);
            var services = new ServiceCollection().AddLogging(l => l.AddSimpleConsole()).AddConversationsPostgres(connectionString).BuildServiceProvider();
            await using (services)
            {
                var applied = await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
                Console.WriteLine(created ? "Database created." : "Database exists.");
                Console.WriteLine(applied.Count == 0
                    ? "Schema is up to date."
                    : $"Applied {applied.Count} migrations: {string.Join(", ", applied)}");
            }

            return 0;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"migrate: cannot reach or update the database: {ex.Message}. Check ConnectionStrings__Postgres and that PostgreSQL is running (scripts/postgres.sh start).");
            return 1;
        }
    }
}
