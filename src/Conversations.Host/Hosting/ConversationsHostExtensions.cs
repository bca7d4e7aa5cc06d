using Conversations.Persistence.Schema;
using Conversations.ServiceDefaults;

namespace Conversations.Host.Hosting;

/// <summary>Composition of the silo process.</summary>
internal static partial class ConversationsHostExtensions
{
    /// <summary>The silo, its storage and the readiness checks, as configuration says.</summary>
    public static WebApplicationBuilder AddConversationsSilo(this WebApplicationBuilder builder, SiloSettings settings)
    {
        builder.UseOrleans(silo => silo.ConfigureConversationsSilo(settings));
        builder.Services.AddHostedService<ClusterMembershipWatcher>();
        var health = builder.Services.AddHealthChecks()
            .AddCheck<SiloReadinessCheck>("silo", tags: [ServiceDefaultsExtensions.ReadyTag]);
        if (settings.IsDurable)
        {
            health.AddCheck<DatabaseHealthCheck>("postgres", tags: [ServiceDefaultsExtensions.ReadyTag]);
        }

        return builder;
    }

    /// <summary>
    /// Before the silo starts: on PostgreSQL, creates the database if needed and applies migrations
    /// (Orleans' tables must exist before clustering starts); in the embedded mode, says loudly that
    /// nothing will survive the process.
    /// </summary>
    public static async Task PrepareStorageAsync(this WebApplication app, SiloSettings settings)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Conversations.Host");
        if (settings.IsDurable)
        {
            if (await SchemaMigrator.EnsureDatabaseAsync(settings.PostgresConnectionString!))
            {
                LogDatabaseCreated(logger);
            }

            var applied = await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync();
            LogDurableMode(logger, settings.ClusterId, applied.Count);
        }
        else
        {
            LogEmbeddedMode(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the PostgreSQL database named in ConnectionStrings:Postgres")]
    private static partial void LogDatabaseCreated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable mode: PostgreSQL clustering, grain state, reminders and message store (cluster '{ClusterId}'; {Applied} migrations applied now)")]
    private static partial void LogDurableMode(ILogger logger, string clusterId, int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EMBEDDED MODE: single local silo, localhost clustering, IN-MEMORY storage. Everything is lost when the process stops. Set ConnectionStrings__Postgres to run durable and clustered.")]
    private static partial void LogEmbeddedMode(ILogger logger);
}
