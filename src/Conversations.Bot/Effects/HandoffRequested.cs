using Conversations.Abstractions.Conversations;

namespace Conversations.Bot.Effects;

/// <summary>The scenario hands the conversation to an operator.</summary>
/// <param name="Reason">Why, for the operator's queue (e.g. "order status: CRM unavailable").</param>
/// <param name="Cause">Why, for reports: a handoff step, or a rating step's low score.</param>
public sealed record HandoffRequested(string Reason, HandoffCause Cause = HandoffCause.ScenarioStep) : BotEffect;
