using Conversations.Persistence.Campaigns;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Customers;
using Conversations.Persistence.EventsOut;
using Conversations.Persistence.InMemory;
using Conversations.Persistence.Media;
using Conversations.Persistence.Outbox;
using Conversations.Persistence.Postgres;
using Conversations.Persistence.Queries;
using Conversations.Persistence.Reports;
using Conversations.Persistence.S3;
using Conversations.Persistence.Scheduling;
using Conversations.Persistence.Subscriptions;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
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
        services.TryAddSingleton<IRecipientPaceStore, PostgresRecipientPaceStore>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxPush>();
        services.TryAddSingleton<IReadModels, PostgresReadModels>();
        services.TryAddSingleton<ICustomerLedger, PostgresCustomerLedger>();
        services.TryAddSingleton<ISubscriptionLedger, PostgresSubscriptionLedger>();
        services.TryAddSingleton<IScheduledMessageStore, PostgresScheduledMessageStore>();
        services.TryAddSingleton<ICampaignStore, PostgresCampaignStore>();
        services.TryAddSingleton<ICustomerImportStore, PostgresCustomerImportStore>();
        services.TryAddSingleton<IMediaStore, PostgresMediaStore>();
        services.TryAddSingleton<IMailOriginalStore, PostgresMailOriginalStore>();
        services.TryAddSingleton<IMediaFetchQueue, PostgresMediaFetchQueue>();
        services.TryAddSingleton<MediaFetchSignal>();
        services.TryAddSingleton<IReportStore, PostgresReportStore>();
        services.TryAddSingleton<IWebhookStore, PostgresWebhookStore>();
        return services.AddReportAggregator();
    }

    /// <summary>
    /// With <c>Conversations:Media:Store = S3</c>, the durable media store keeps files' bytes in the S3-compatible bucket of
    /// <c>Conversations:Media:S3</c> (metadata, quota and retention stay in PostgreSQL); otherwise nothing changes.
    /// </summary>
    public static IServiceCollection AddConversationsMediaBucket(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Conversations:Media");
        var store = section["Store"];
        if (string.IsNullOrWhiteSpace(store) || (Enum.TryParse<MediaStoreKind>(store, ignoreCase: true, out var kind) && kind == MediaStoreKind.PostgreSql))
        {
            return services;
        }

        if (kind != MediaStoreKind.S3)
        {
            throw new InvalidOperationException($"Conversations:Media:Store is \"{store}\"; it takes PostgreSql (the default) or S3.");
        }

        var options = section.GetSection("S3").Get<S3MediaOptions>() ?? new S3MediaOptions();
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            throw new InvalidOperationException("Conversations:Media:Store is S3 and Conversations:Media:S3:Bucket is empty: name the bucket.");
        }

        services.TryAddSingleton<IAmazonS3>(_ => CreateS3Client(options));
        services.TryAddSingleton<IMediaBucket>(sp => new S3MediaBucket(sp.GetRequiredService<IAmazonS3>(), options));
        return services;
    }

    private static AmazonS3Client CreateS3Client(S3MediaOptions options)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle, AuthenticationRegion = options.Region };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    /// <summary>Stores in process memory (lost at exit).</summary>
    public static IServiceCollection AddConversationsInMemory(this IServiceCollection services)
    {
        services.TryAddSingleton<InMemoryConversationStore>();
        services.TryAddSingleton<IConversationStore>(sp => sp.GetRequiredService<InMemoryConversationStore>());
        services.TryAddSingleton<IOutboxStore>(sp => sp.GetRequiredService<InMemoryConversationStore>());
        services.TryAddSingleton<IRecipientPaceStore, InMemoryRecipientPaceStore>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxPush>(); // nothing pushes in memory: the dispatcher polls this store
        services.TryAddSingleton<InMemoryReadModels>();
        services.TryAddSingleton<IReadModels>(sp => sp.GetRequiredService<InMemoryReadModels>());
        services.TryAddSingleton<ICustomerLedger, InMemoryCustomerLedger>();
        services.TryAddSingleton<ISubscriptionLedger, InMemorySubscriptionLedger>();
        services.TryAddSingleton<IScheduledMessageStore, InMemoryScheduledMessageStore>();
        services.TryAddSingleton<ICampaignStore>(sp => new InMemoryCampaignStore(sp.GetRequiredService<InMemoryReadModels>(), sp.GetRequiredService<IOutboxStore>()));
        services.TryAddSingleton<ICustomerImportStore, InMemoryCustomerImportStore>();
        services.TryAddSingleton<IMediaStore, InMemoryMediaStore>();
        services.TryAddSingleton<IMailOriginalStore, InMemoryMailOriginalStore>();
        services.TryAddSingleton<IMediaFetchQueue>(sp => sp.GetRequiredService<InMemoryConversationStore>().MediaFetches);
        services.TryAddSingleton<MediaFetchSignal>();
        services.TryAddSingleton<IReportStore, InMemoryReportStore>();
        services.TryAddSingleton<IWebhookStore, InMemoryWebhookStore>();
        return services.AddReportAggregator();
    }

    private static IServiceCollection AddReportAggregator(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration("Conversations:Reports");
        services.TryAddSingleton<ReportChanges>();
        services.TryAddSingleton<WebhookChanges>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReportAggregator>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportAggregator>());
        return services;
    }
}
