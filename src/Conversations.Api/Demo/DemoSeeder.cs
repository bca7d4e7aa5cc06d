using Conversations.Channels;
using Conversations.Channels.Widget;
using Conversations.Tenants;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Api.Demo;

/// <summary>
/// Gives a first run something to use: a "demo" tenant with a website widget whose key is "demo" (open
/// <c>/widget/demo</c>). On by default in the embedded mode; <c>Conversations:SeedDemo</c> switches it.
/// </summary>
internal sealed partial class DemoSeeder(IGrainFactory grains, WidgetConnector widgets, IHostApplicationLifetime lifetime, ILogger<DemoSeeder> logger) : BackgroundService
{
    /// <summary>The demo tenant's slug.</summary>
    public const string Slug = "demo";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wait until the silo serves requests.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            await GrainCalls.RetryAsync(SeedAsync, TimeSpan.FromSeconds(30), stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSeedFailed(logger, ex);
        }
    }

    private async Task SeedAsync()
    {
        var directory = grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);
        var tenant = await directory.FindBySlugAsync(Slug) ?? await directory.CreateTenantAsync(Slug, "Demo shop");
        var widget = await grains.GetGrain<IChannelAccountGrain>(new ChannelAccountKey(ChannelKind.Widget, Slug).ToGrainKey()).GetAsync();
        if (widget is null)
        {
            await widgets.CreateAsync(tenant.TenantId, "Demo shop", Slug);
        }

        LogSeeded(logger, tenant.TenantId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant 'demo' ({TenantId}) is ready; its widget runs at /widget/demo")]
    private static partial void LogSeeded(ILogger logger, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding the demo tenant failed")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
