using Conversations.Abstractions.Bot;

namespace Conversations.Api.Mappings;

/// <summary>The bot's scenario versions and FAQ as the admin API shows them.</summary>
public static class BotMappings
{
    /// <summary>The API form of a scenario version.</summary>
    public static Contracts.Bot.ScenarioVersion ToContract(this ScenarioVersion version) => new(version.Version, version.PublishedAt, version.Json);

    /// <summary>The API form of the FAQ.</summary>
    public static Contracts.Bot.KnowledgeBase ToContract(this KnowledgeBase faq) => new(faq.Version, [.. faq.Entries.Select(ToContract)]);

    /// <summary>The API form of an FAQ entry.</summary>
    public static Contracts.Bot.KnowledgeEntry ToContract(this KnowledgeEntry entry) => new(entry.Id, entry.Questions, entry.Answer);

    /// <summary>The grains' form of an FAQ entry sent to the API.</summary>
    public static KnowledgeEntry ToDomain(this Contracts.Bot.KnowledgeEntry entry) => new(entry.Id, entry.Questions, entry.Answer);

    /// <summary>The API form of a suggested FAQ entry.</summary>
    public static Contracts.Bot.KnowledgeSuggestion ToContract(this KnowledgeSuggestion suggestion) => new(
        suggestion.Id, suggestion.Question, suggestion.Answer, suggestion.ConversationId, suggestion.ProposedAt);

    /// <summary>The API form of a customer's answer to "did you mean …?".</summary>
    public static Contracts.Bot.FaqChoice ToContract(this KnowledgeChoice choice) => new(
        choice.Id, choice.Question, choice.EntryId, choice.ConversationId, choice.ChosenAt);

    /// <summary>The API form of a calibration, <paramref name="inUse"/> when the bot answers with its policy.</summary>
    public static Contracts.Bot.FaqCalibration ToContract(this KnowledgeCalibration calibration, bool inUse) => new(
        calibration.Version, inUse, calibration.TargetPrecision, calibration.Policy.Threshold, calibration.Policy.Margin,
        calibration.Policy.SuggestFloor, calibration.ExpectedPrecision, calibration.ExpectedCoverage, calibration.ExpectedAnsweredShare,
        [.. calibration.Curve.Select(p => new Contracts.Bot.FaqCurvePoint(p.Threshold, p.Margin, p.Precision, p.Coverage, p.AnsweredShare))],
        [.. calibration.ConfusablePairs.Select(p => new Contracts.Bot.FaqConfusablePair(p.First, p.Second, p.Count,
            [.. p.Phrasings.Select(f => new Contracts.Bot.FaqConfusablePhrasing(f.EntryId, f.Text, f.MatchedId))]))],
        calibration.CalibratedAt, (long)calibration.Took.TotalMilliseconds);
}
