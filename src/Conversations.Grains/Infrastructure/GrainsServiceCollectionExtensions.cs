using Conversations.Bot;
using Conversations.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conversations.Infrastructure;

/// <summary>Services the grains need beside storage.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>The bot (the fallback bot unless a richer one is registered first) and the sweeper of unanswered messages.</summary>
    public static IServiceCollection AddConversationsGrains(this IServiceCollection services)
    {
        services.TryAddSingleton<IConversationBot, FallbackBot>();
        services.TryAddSingleton<Tenants.TenantSettingsCache>();
        services.AddHostedService<PendingBotTurnSweeper>();
        return services;
    }
}
