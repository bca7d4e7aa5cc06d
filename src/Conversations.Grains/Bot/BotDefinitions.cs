using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Conversations.Abstractions.Bot;
using Conversations.Bot.Faq;
using Conversations.Bot.Scenarios;

namespace Conversations.Grains.Bot;

/// <summary>
/// This silo's parsed scenarios and built FAQ matchers, by tenant. Entries are checked against the grains every
/// <see cref="Ttl"/> (wall-clock freshness) and re-parsed or rebuilt only when the version changed; a change published
/// through this silo is seen at once. That is the hot swap: a new scenario reaches every silo within the TTL.
/// </summary>
public sealed class BotDefinitions(IGrainFactory grains)
{
    /// <summary>How long a cached definition is trusted.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Guid, (int Version, Scenario? Scenario, long CheckedAt)> _scenarios = new();
    private readonly ConcurrentDictionary<Guid, (long Version, TenantFaq? Faq, long CheckedAt)> _faqs = new();

    /// <summary>The tenant's live scenario and its version (null and 0 when it has none).</summary>
    public async Task<(Scenario? Scenario, int Version)> GetScenarioAsync(Guid tenantId)
    {
        if (_scenarios.TryGetValue(tenantId, out var cached) && Stopwatch.GetElapsedTime(cached.CheckedAt) < Ttl)
        {
            return (cached.Scenario, cached.Version);
        }

        var current = await grains.GetGrain<IScenarioGrain>(tenantId).GetCurrentAsync();
        var version = current?.Version ?? 0;
        var scenario = version == cached.Version && cached.CheckedAt != 0
            ? cached.Scenario
            : current is null ? null : ScenarioParser.Parse(current.Json, version.ToString(CultureInfo.InvariantCulture)).Scenario;
        _scenarios[tenantId] = (version, scenario, Stopwatch.GetTimestamp());
        return (scenario, version);
    }

    /// <summary>The tenant's FAQ matcher, or null when the knowledge base is empty.</summary>
    public async Task<FaqMatcher?> GetFaqAsync(Guid tenantId) => (await GetTenantFaqAsync(tenantId))?.Matcher;

    /// <summary>The tenant's FAQ matcher with its calibrated policy (null while the current version is not calibrated),
    /// or null when the knowledge base is empty.</summary>
    public async Task<TenantFaq?> GetTenantFaqAsync(Guid tenantId)
    {
        if (_faqs.TryGetValue(tenantId, out var cached) && Stopwatch.GetElapsedTime(cached.CheckedAt) < Ttl)
        {
            return cached.Faq;
        }

        var knowledge = await grains.GetGrain<IKnowledgeBaseGrain>(tenantId).GetAsync();
        // The policy may arrive after the version (a background calibration): it is taken on every check.
        var matcher = knowledge.Version == cached.Version && cached.CheckedAt != 0 ? cached.Faq?.Matcher : KnowledgeCalibrator.MatcherOf(knowledge.Entries);
        var faq = matcher is null ? null : new TenantFaq(matcher, knowledge.Policy);
        _faqs[tenantId] = (knowledge.Version, faq, Stopwatch.GetTimestamp());
        return faq;
    }

    /// <summary>Forgets a tenant's definitions (after a change through this silo).</summary>
    public void Invalidate(Guid tenantId)
    {
        _scenarios.TryRemove(tenantId, out _);
        _faqs.TryRemove(tenantId, out _);
    }
}
