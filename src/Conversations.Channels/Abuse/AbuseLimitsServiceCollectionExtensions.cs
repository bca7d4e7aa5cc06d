using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conversations.Channels.Abuse;

/// <summary>Registers the abuse limits of the anonymous surfaces.</summary>
public static class AbuseLimitsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="AbuseLimiter"/> with <see cref="AbuseLimitOptions"/> from <c>AbuseLimits</c>, checked at start-up.
    /// Every channel with an anonymous surface calls it; the second call changes nothing.
    /// </summary>
    public static IServiceCollection AddAbuseLimits(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(AbuseLimiter)))
        {
            return services;
        }

        services.AddOptions<AbuseLimitOptions>().BindConfiguration("AbuseLimits")
            .Validate(options => options.Problems().Count == 0, "AbuseLimits: every limit needs Burst and PerMinute of at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AbuseLimiter>();
        return services;
    }
}
