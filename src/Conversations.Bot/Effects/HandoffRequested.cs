namespace Conversations.Bot.Effects;

/// <summary>The scenario hands the conversation to an operator.</summary>
/// <param name="Reason">Why, for the operator's queue (e.g. "order status: CRM unavailable").</param>
public sealed record HandoffRequested(string Reason) : BotEffect;
