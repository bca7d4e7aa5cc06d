using System.Net;
using Conversations.Abstractions.Common;
using Conversations.Grains.Infrastructure;
using Conversations.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Conversations.Host.Hosting;

/// <summary>
/// The one place that decides how a silo runs. Used by the host and by the integration tests, so that
/// tests exercise the production configuration.
/// </summary>
public static class SiloSetup
{
    /// <summary>The Npgsql ADO.NET invariant name every Orleans ADO.NET provider needs.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>The oldest stream event the silo's stream cache keeps for late subscribers.</summary>
    public static readonly TimeSpan StreamCacheMaxAge = TimeSpan.FromMinutes(2);

    /// <summary>How long a delivered stream event stays in the cache at least.</summary>
    public static readonly TimeSpan StreamCacheMinTime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Configures grains, storage, reminders and streams. Clustering is configured here too unless
    /// <paramref name="configureClustering"/> is false (the test cluster brings its own).
    /// </summary>
    public static ISiloBuilder ConfigureConversationsSilo(this ISiloBuilder silo, SiloSettings settings, bool configureClustering = true)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });

        // Rolling upgrades: a grain interface that gains methods raises its [Version]; a newer activation serves older
        // callers (BackwardCompatible), and a call of the newer version moves an older activation to a silo that has it.
        // New activations go to any silo with a compatible version, so the first upgraded silo is not swamped.
        silo.Configure<GrainVersioningOptions>(o =>
        {
            o.DefaultCompatibilityStrategy = nameof(Orleans.Versions.Compatibility.BackwardCompatible);
            o.DefaultVersionSelectorStrategy = nameof(Orleans.Versions.Selector.AllCompatibleVersions);
        });

        silo.UseSystemTextJsonGrainStorageSerializer();
        // The stream cache keeps delivered events for late subscribers; Orleans' default keeps 30 minutes of them (in the
        // soak at 250 msgs/s, heap dumps held ~350 MB of cache blocks after 48 minutes). Nothing here rewinds a stream: live feeds
        // replay from PostgreSQL when they reconnect (OperatorFeedSession), so two minutes bounds the cache to what a briefly
        // slow subscriber needs.
        silo.AddMemoryStreams(StorageNames.Streams, streams => streams.ConfigureCacheEviction(eviction => eviction.Configure(o =>
        {
            o.DataMaxAgeInCache = StreamCacheMaxAge;
            o.DataMinTimeInCache = StreamCacheMinTime;
        })));

        // Carries the trace of a webhook or API request through the grain calls it makes (spans are only created
        // when tracing is exported, see AddServiceDefaults).
        silo.AddActivityPropagation();

        // A grain whose state write lost the ETag race (a second activation during a cluster change wrote first) holds
        // stale state: let it go, so the caller's retry (503 → the messenger redelivers) meets a fresh activation.
        silo.AddIncomingGrainCallFilter(async call =>
        {
            try
            {
                await call.Invoke();
            }
            catch (Orleans.Storage.InconsistentStateException) when (call.Grain is IGrainBase grain)
            {
                grain.DeactivateOnIdle();
                throw;
            }
        });

        if (settings.IsDurable)
        {
            var connectionString = settings.PostgresConnectionString!;
            if (configureClustering)
            {
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = NpgsqlInvariant;
                    o.ConnectionString = connectionString;
                });
                if (settings.AdvertisedAddress is { } address)
                {
                    silo.ConfigureEndpoints(IPAddress.Parse(address), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
                }
                else
                {
                    silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
                }
            }

            silo.AddAdoNetGrainStorage(StorageNames.GrainState, o =>
            {
                o.Invariant = NpgsqlInvariant;
                o.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(StorageNames.PubSub, o =>
            {
                o.Invariant = NpgsqlInvariant;
                o.ConnectionString = connectionString;
            });
            // Stream pub-sub state holds Orleans' own types (producers, subscriptions), made for Orleans' serializer:
            // System.Text.Json writes them but cannot read a registered producer back, which broke the tenant feed
            // for good once a silo died with one stored. Our grains' state stays JSON.
            silo.Services.AddOptions<AdoNetGrainStorageOptions>(StorageNames.PubSub)
                .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = NpgsqlInvariant;
                o.ConnectionString = connectionString;
            });
            silo.Services.AddConversationsPostgres(connectionString).AddConversationsMediaBucket(silo.Configuration);
        }
        else
        {
            if (configureClustering)
            {
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
            }

            silo.AddMemoryGrainStorage(StorageNames.GrainState);
            silo.AddMemoryGrainStorage(StorageNames.PubSub);
            silo.UseInMemoryReminderService();
            silo.Services.AddConversationsInMemory();
        }

        if (settings.Kubernetes)
        {
            // Reads POD_NAME, POD_NAMESPACE, POD_IP and the orleans/* labels; needs pod get/list/watch/delete RBAC.
            silo.UseKubernetesHosting();
        }

        if (settings.FastFailureDetection)
        {
            // Declare a dead silo within a few seconds (defaults take up to a minute); callers retry meanwhile.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            });
        }

        silo.Services.AddConversationsGrains();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<IIdGenerator, TimeOrderedIdGenerator>();
        return silo;
    }
}
