using Conversations.Abstractions.Conversations;
using System.Globalization;
using System.Text.RegularExpressions;
using Conversations.Bot.Effects;
using Conversations.Bot.Scenarios.Steps;

namespace Conversations.Bot.Engine;

/// <summary>Answers at a rating (survey) step.</summary>
internal static partial class RatingStepRunner
{
    /// <summary>A score (button or typed number) in range is recorded and leads high or low; out of range gets the hint.</summary>
    public static StepAnswer Answer(Turn turn, RatingStep step, BotInput input)
    {
        int? score = input switch
        {
            ButtonPressInput press => ChoiceMatcher.Match(press, Choices(step)) is { } index ? step.Min + index : null,
            TextInput text when FirstNumber().Match(text.Text) is { Success: true } match
                && int.TryParse(match.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
        if (score is null)
        {
            return StepAnswer.NotUnderstood;
        }

        if (score < step.Min || score > step.Max)
        {
            turn.Say(Hint(turn, step));
            return StepAnswer.Stay;
        }

        var value = score.Value;
        turn.Effects.Add(new SurveyScoreRecorded(step.Id, value, step.Min, step.Max));
        if (step.Variable is not null)
        {
            turn.Write(step.Variable, value.ToString(CultureInfo.InvariantCulture));
        }

        if (value >= step.Threshold)
        {
            return StepAnswer.MoveTo(step.OnHigh);
        }

        if (step.HandoffOnLow)
        {
            turn.Effects.Add(new HandoffRequested($"low survey score: {value} of {step.Max}", HandoffCause.LowRating));
        }

        return StepAnswer.MoveTo(step.OnLow);
    }

    /// <summary>One choice per score.</summary>
    public static List<Choice> Choices(RatingStep step) =>
        [.. Enumerable.Range(step.Min, step.Max - step.Min + 1).Select(n => new Choice(n.ToString(CultureInfo.InvariantCulture), $"{step.Id}#{n}"))];

    /// <summary>How to answer when the scores do not fit as buttons.</summary>
    public static string Hint(Turn turn, RatingStep step) =>
        turn.Scenario.Texts.RatingHint.Render(path => path switch
        {
            "min" => step.Min.ToString(CultureInfo.InvariantCulture),
            "max" => step.Max.ToString(CultureInfo.InvariantCulture),
            _ => null,
        });

    [GeneratedRegex(@"\d+")]
    private static partial Regex FirstNumber();
}
