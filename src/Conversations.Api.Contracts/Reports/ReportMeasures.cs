namespace Conversations.Api.Contracts.Reports;

/// <summary>
/// The figures of a set of conversations, counted in the hour each started (definitions: README, "Numbers for the business").
/// Rates are 0..1; times are seconds; a quantile is the upper bound of the duration bucket holding it; null when nothing was counted.
/// </summary>
/// <param name="Started">Conversations started.</param>
/// <param name="ContainedByBot">Never handed to a human (the bot alone).</param>
/// <param name="ContainmentRate">ContainedByBot / Started.</param>
/// <param name="HandedOver">Handed to a human, for any cause.</param>
/// <param name="HandedOverAsked">Because the customer asked.</param>
/// <param name="HandedOverBotGaveUp">Because the bot did not understand too many times.</param>
/// <param name="HandedOverScenarioStep">By a scenario's handoff step.</param>
/// <param name="HandedOverLowRating">By a rating step's low score.</param>
/// <param name="HandedOverOperator">An operator stepped in or put the chat in the queue.</param>
/// <param name="HandedOverOther">By an integration's call, or before causes were recorded.</param>
/// <param name="Abandoned">Closed while waiting, never taken.</param>
/// <param name="Taken">Taken by an operator.</param>
/// <param name="WaitP50Seconds">Median time in the queue (handoff to take).</param>
/// <param name="WaitP90Seconds">90th percentile of the time in the queue.</param>
/// <param name="WaitAverageSeconds">Average time in the queue.</param>
/// <param name="FirstResponseP50Seconds">Median first response time of a human (handoff to the first operator message).</param>
/// <param name="FirstResponseP90Seconds">90th percentile of the first response time.</param>
/// <param name="FirstResponseAverageSeconds">Average first response time.</param>
/// <param name="Resolved">Closed conversations.</param>
/// <param name="ResolutionAverageSeconds">Average time from the first message to the close.</param>
/// <param name="MessagesPerConversation">Customer, bot and operator messages per conversation.</param>
/// <param name="CustomerMessages">Messages customers wrote.</param>
/// <param name="BotMessages">Messages the bot sent.</param>
/// <param name="OperatorMessages">Messages operators sent.</param>
/// <param name="SurveysOffered">Conversations a rating step asked for a score.</param>
/// <param name="SurveysAnswered">Conversations that gave a score.</param>
/// <param name="ResponseRate">SurveysAnswered / SurveysOffered.</param>
/// <param name="AverageScore">Average score given.</param>
/// <param name="SatisfiedRate">Share of scores in the top quarter of their scale (CSAT).</param>
/// <param name="ScoreDistribution">How many gave each score 0..10 (index = score).</param>
/// <param name="Handled">Conversations whose first operator let them go (released, transferred) or closed them.</param>
/// <param name="HandlingAverageSeconds">Average handling time: from the first take to that operator's release, transfer or the close.</param>
public sealed record ReportMeasures(
    long Started,
    long ContainedByBot,
    double? ContainmentRate,
    long HandedOver,
    long HandedOverAsked,
    long HandedOverBotGaveUp,
    long HandedOverScenarioStep,
    long HandedOverLowRating,
    long HandedOverOperator,
    long HandedOverOther,
    long Abandoned,
    long Taken,
    int? WaitP50Seconds,
    int? WaitP90Seconds,
    double? WaitAverageSeconds,
    int? FirstResponseP50Seconds,
    int? FirstResponseP90Seconds,
    double? FirstResponseAverageSeconds,
    long Resolved,
    double? ResolutionAverageSeconds,
    double? MessagesPerConversation,
    long CustomerMessages,
    long BotMessages,
    long OperatorMessages,
    long SurveysOffered,
    long SurveysAnswered,
    double? ResponseRate,
    double? AverageScore,
    double? SatisfiedRate,
    IReadOnlyList<long> ScoreDistribution,
    long Handled = 0,
    double? HandlingAverageSeconds = null);
