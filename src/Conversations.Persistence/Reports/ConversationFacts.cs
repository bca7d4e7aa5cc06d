using Conversations.Abstractions.Conversations;

namespace Conversations.Persistence.Reports;

/// <summary>
/// One conversation's figures as its history says now (the definitions are in the README, "Numbers for the business").
/// Every figure is counted in the UTC hour the conversation started (<see cref="Hour"/>), under the channel it started on,
/// the operator who first took it and its entry point; when the history grows, the conversation's old figures are taken
/// out of their bucket and the new ones put in.
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="LastSeq">The last message these figures saw (an older computation never replaces a newer one).</param>
/// <param name="Hour">The UTC hour of the conversation's first message.</param>
/// <param name="Channel">The channel of its first customer message (0: none yet).</param>
/// <param name="OperatorId">The operator who first took it (<see cref="Guid.Empty"/>: none).</param>
/// <param name="EntryPoint">The start payload of its first customer message ("" when it had none).</param>
/// <param name="Handoff">Why it first reached the operators, or null while the bot alone handles it.</param>
/// <param name="Taken">An operator took it after the handoff.</param>
/// <param name="Abandoned">It was closed while waiting, never taken.</param>
/// <param name="WaitSeconds">From the handoff to the take.</param>
/// <param name="FirstResponseSeconds">From the handoff to the first operator message.</param>
/// <param name="ResolutionSeconds">From the first message to the close, once closed.</param>
/// <param name="CustomerMessages">Messages the customer wrote.</param>
/// <param name="BotMessages">Messages the bot sent.</param>
/// <param name="OperatorMessages">Messages operators sent.</param>
/// <param name="SurveyOffered">A rating step asked for a score.</param>
/// <param name="Score">The first score given, if any.</param>
/// <param name="ScoreMin">The lowest score of that rating step.</param>
/// <param name="ScoreMax">The highest score of that rating step.</param>
/// <param name="HandlingSeconds">From the first take to that operator's release, transfer or the close; null while they still have it.</param>
public sealed record ConversationFacts(
    Guid TenantId,
    Guid ConversationId,
    long LastSeq,
    DateTimeOffset Hour,
    short Channel,
    Guid OperatorId,
    string EntryPoint,
    HandoffCause? Handoff,
    bool Taken,
    bool Abandoned,
    int? WaitSeconds,
    int? FirstResponseSeconds,
    int? ResolutionSeconds,
    int CustomerMessages,
    int BotMessages,
    int OperatorMessages,
    bool SurveyOffered,
    int? Score,
    int? ScoreMin,
    int? ScoreMax,
    int? HandlingSeconds = null)
{
    /// <summary>The rollup bucket these figures go to.</summary>
    public ReportBucketKey Bucket => new(TenantId, Hour, Channel, OperatorId, EntryPoint);
}
