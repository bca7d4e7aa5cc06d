using Conversations.Grains.Infrastructure;
using Conversations.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Conversations.Testing;

/// <summary>In-process clusters configured by the production <see cref="SiloSetup"/>.</summary>
public static class TestClusters
{
    /// <summary>
    /// Starts <paramref name="silos"/> silos: durable on <paramref name="postgresConnectionString"/> (grain state,
    /// reminders, message store on PostgreSQL) or embedded when it is null. The test cluster brings its own
    /// in-memory membership. <paramref name="services"/> may replace services (a fake clock...).
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(
        string? postgresConnectionString = null,
        short silos = 1,
        Action<IServiceCollection>? services = null,
        string? serviceId = null,
        FakeTimeProvider? time = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId ?? builder.Options.ServiceId;
        var settings = new SiloSettings
        {
            PostgresConnectionString = postgresConnectionString,
            ClusterId = builder.Options.ClusterId,
            ServiceId = builder.Options.ServiceId,
        };
        builder.ConfigureSilo((_, silo) =>
        {
            silo.ConfigureConversationsSilo(settings, configureClustering: false);
            if (time is not null)
            {
                UseFakeTime(silo.Services, time);
            }

            services?.Invoke(silo.Services);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(StorageNames.Streams));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// Our code, grain timers and reminders on <paramref name="time"/>; Orleans' own loops (membership, messaging,
    /// directory) stay on real time, since a frozen clock there stalls the runtime.
    /// </summary>
    public static void UseFakeTime(IServiceCollection services, FakeTimeProvider time)
    {
        services.AddSingleton<TimeProvider>(time);
        services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        services.AddKeyedSingleton<TimeProvider>(Orleans.Reminders.ReminderTimeProviderNames.Reminders, time);
    }
}
