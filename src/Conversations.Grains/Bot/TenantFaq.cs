using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Tenants;
using Conversations.Bot.Faq;

namespace Conversations.Grains.Bot;

/// <summary>A tenant's FAQ as the bot answers from it: the matcher and the calibrated policy of its version.</summary>
/// <param name="Matcher">The matcher over the knowledge base.</param>
/// <param name="Calibrated">The calibrated policy (null while the current version is not calibrated yet).</param>
public sealed record TenantFaq(FaqMatcher Matcher, KnowledgePolicy? Calibrated)
{
    /// <summary>The policy under the tenant's <paramref name="settings"/>: the calibrated one, else the default at the
    /// tenant's threshold; "did you mean …?" only where the tenant left it on.</summary>
    public FaqPolicy PolicyFor(TenantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var policy = Calibrated is { } calibrated
            ? new FaqPolicy(calibrated.Threshold, calibrated.Margin, calibrated.SuggestFloor)
            : FaqPolicy.Default with { Threshold = settings.FaqThreshold };
        return policy with { Disambiguate = settings.FaqDisambiguationOn };
    }
}
