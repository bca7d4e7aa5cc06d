namespace Conversations.Bot.Scenarios.Steps;

/// <summary>A test of one value (a variable or a customer attribute).</summary>
internal sealed record Condition(string Variable, ConditionOperator Operator, string? Value);
