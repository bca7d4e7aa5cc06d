using Conversations.Persistence.Conversations;
using Conversations.Persistence.Customers;
using Conversations.Persistence.InMemory;
using Conversations.Persistence.Media;
using Conversations.Persistence.Outbox;
using Conversations.Persistence.Postgres;
using Conversations.Persistence.Queries;
using Conversations.Persistence.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Conversations.Persistence;

/// <summary>Registers the stores: PostgreSQL for durable silos, memory for the embedded mode.</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Stores on PostgreSQL at <paramref name="connectionString"/>, plus the schema migrator.</summary>
    public static IServiceCollection AddConversationsPostgres(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddOptions<BatchWriterOptions>().BindConfiguration("Conversations:BatchWriter");
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddSingleton<GroupCommitWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter>());
        services.TryAddSingleton<ConversationReads>();
        services.TryAddSingleton<PostgresConversationStore>();
        services.TryAddSingleton<IConversationStore>(sp => sp.GetRequiredService<PostgresConversationStore>());
        services.TryAddSingleton<IOutboxStore, PostgresOutboxStore>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<IReadModels, PostgresReadModels>();
        services.TryAddSingleton<ICustomerLedger, PostgresCustomerLedger>();
        services.TryAddSingleton<IMediaStore, PostgresMediaStore>();
        services.TryAddSingleton<IMediaFetchQueue, PostgresMediaFetchQueue>();
        services.TryAddSingleton<MediaFetchSignal>();
        return services;
    }

    /// <summary>Stores in process memory (lost at exit).</summary>
    public static IServiceCollection AddConversationsInMemory(this IServiceCollection services)
    {
        services.TryAddSingleton<InMemoryConversationStore>();
        services.TryAddSingleton<IConversationStore>(sp => sp.GetRequiredService<InMemoryConversationStore>());
        services.TryAddSingleton<IOutboxStore>(sp => sp.GetRequiredService<InMemoryConversationStore>());
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<IReadModels, InMemoryReadModels>();
        services.TryAddSingleton<ICustomerLedger, InMemoryCustomerLedger>();
        services.TryAddSingleton<IMediaStore, InMemoryMediaStore>();
        services.TryAddSingleton<IMediaFetchQueue>(sp => sp.GetRequiredService<InMemoryConversationStore>().MediaFetches);
        services.TryAddSingleton<MediaFetchSignal>();
        return services;
    }
}
