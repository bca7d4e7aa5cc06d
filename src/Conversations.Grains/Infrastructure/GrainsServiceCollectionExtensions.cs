using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Tenants.Admission;
using Conversations.Bot.Engine;
using Conversations.Bot.Http;
using Conversations.Grains.Bot;
using Conversations.Grains.Bot.Ai;
using Conversations.Grains.Conversations;
using Conversations.Grains.Tenants.Admission;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conversations.Grains.Infrastructure;

/// <summary>Services the grains need beside storage.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>The bot (scenario + FAQ, with the fallback bot for tenants that have neither) and the sweeper of unanswered messages, and
    /// the admission of tenants' work within their plans (<see cref="TenantAdmission"/>).</summary>
    public static IServiceCollection AddConversationsGrains(this IServiceCollection services)
    {
        services.AddHttpClient<IScenarioHttpClient, HttpClientScenarioHttpClient>();
        services.TryAddSingleton<ScenarioEngine>();
        services.TryAddSingleton<BotDefinitions>();
        services.TryAddSingleton<FallbackBot>();
        services.TryAddSingleton<IConversationBot, ScenarioBot>();
        services.AddOptions<AiOptions>().BindConfiguration(AiOptions.Section);
        services.TryAddSingleton<AiServices>();
        services.TryAddSingleton<IOperatorAssist, ConversationAssist>();
        services.TryAddSingleton<Tenants.TenantSettingsCache>();
        services.TryAddSingleton<TenantAdmission>();
        services.TryAddSingleton<ITenantAdmission>(sp => sp.GetRequiredService<TenantAdmission>());
        services.TryAddSingleton<AfterCommitCalls>();
        services.AddHostedService<PendingBotTurnSweeper>();
        services.AddOptions<Scheduling.ScheduledMessageOptions>().BindConfiguration(Scheduling.ScheduledMessageOptions.Section);
        services.TryAddSingleton<Scheduling.ScheduledMessageDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Scheduling.ScheduledMessageDispatcher>());
        services.AddOptions<Campaigns.CampaignOptions>().BindConfiguration(Campaigns.CampaignOptions.Section);
        services.TryAddSingleton<Campaigns.CampaignDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Campaigns.CampaignDispatcher>());
        return services;
    }
}
