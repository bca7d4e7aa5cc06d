using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Bot.Faq;
using Conversations.Bot.Samples;
using Conversations.Channels;
using Conversations.Channels.Widget;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Api.Demo;

/// <summary>
/// Gives a first run something to use: a "demo" tenant with a website widget whose key is "demo" (open
/// <c>/widget/demo</c>), the sample shop scenario and FAQ, and an admin operator "demo" / "demo-password" for the
/// console and the CLI. On by default in the embedded mode; <c>Conversations:SeedDemo</c> switches it.
/// </summary>
internal sealed partial class DemoSeeder(
    IGrainFactory grains,
    WidgetConnector widgets,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<DemoSeeder> logger) : BackgroundService
{
    /// <summary>The demo tenant's slug.</summary>
    public const string Slug = "demo";

    /// <summary>The demo operator's username.</summary>
    public const string Username = "demo";

    /// <summary>The demo operator's password.</summary>
    public const string Password = "demo-password";

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

        var tenantGrain = grains.GetGrain<ITenantGrain>(tenant.TenantId);
        if (!(await tenantGrain.GetOperatorsAsync()).ContainsKey(Username))
        {
            await tenantGrain.AddOperatorAsync(new NewOperator(Username, "Demo Operator", OperatorRole.Admin, 5, Password));
        }

        // The sample scenario's order-status step calls the demo CRM on this very host.
        var settings = await tenantGrain.GetSettingsAsync();
        if (settings.BotConfig is null)
        {
            await tenantGrain.UpdateSettingsAsync(settings with { BotConfig = new Dictionary<string, string> { ["crmBaseUrl"] = OwnBaseUrl() } });
        }

        var scenario = grains.GetGrain<IScenarioGrain>(tenant.TenantId);
        if (await scenario.GetCurrentAsync() is null)
        {
            await scenario.PublishAsync(SampleScenarios.ShopJson());
        }

        var faq = grains.GetGrain<IKnowledgeBaseGrain>(tenant.TenantId);
        if ((await faq.GetAsync()).Entries.Count == 0)
        {
            await faq.ReplaceAsync([.. SampleKnowledgeBase.LoadShopEntries().Select(e => new KnowledgeEntry(e.Id, e.Questions, e.Answer))]);
        }

        LogSeeded(logger, tenant.TenantId, Username, Password);
    }

    private string OwnBaseUrl()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        return address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant 'demo' ({TenantId}) is ready: widget at /widget/demo, operator console at /console (tenant 'demo', user '{Username}', password '{Password}')")]
    private static partial void LogSeeded(ILogger logger, Guid tenantId, string username, string password);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding the demo tenant failed")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
