using System.Globalization;
using Conversations.Bot.Scenarios.Steps;

namespace Conversations.Bot.Engine;

/// <summary>Evaluates the conditions of a condition step against the turn's values.</summary>
internal static class ConditionEvaluator
{
    public static string Next(ConditionStep step, Turn turn) =>
        step.Branches.FirstOrDefault(b => b.When.All(c => Holds(c, turn.Value(c.Variable))))?.Next ?? step.Else;

    private static bool Holds(Condition condition, string? value)
    {
        var actual = value?.Trim() ?? "";
        var expected = condition.Value?.Trim() ?? "";
        return condition.Operator switch
        {
            ConditionOperator.EqualTo => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase),
            ConditionOperator.NotEqualTo => !string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase),
            ConditionOperator.Exists => actual.Length > 0,
            ConditionOperator.NotExists => actual.Length == 0,
            ConditionOperator.Contains => actual.Length > 0 && actual.Contains(expected, StringComparison.OrdinalIgnoreCase),
            ConditionOperator.GreaterThan => Number(actual) is { } a && Number(expected) is { } b && a > b,
            ConditionOperator.LessThan => Number(actual) is { } a && Number(expected) is { } b && a < b,
            _ => false,
        };
    }

    // Customers and CRMs write "4,5" as often as "4.5".
    private static double? Number(string text) =>
        double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
