using Conversations.Abstractions.Customers;
using Conversations.Bot.Effects;
using Conversations.Bot.Scenarios;
using Conversations.Bot.Scenarios.Steps;

namespace Conversations.Bot.Engine;

/// <summary>Answers at a consent step.</summary>
/// <param name="timeProvider">The clock the consent's time is read from.</param>
internal sealed class ConsentStepRunner(TimeProvider timeProvider)
{
    private static readonly HashSet<string> YesWords = new(StringComparer.Ordinal) { "да", "yes", "y", "согласен", "согласна", "ок", "ok", "хорошо", "конечно" };
    private static readonly HashSet<string> NoWords = new(StringComparer.Ordinal) { "нет", "no", "n", "не согласен", "не согласна", "не надо" };

    /// <summary>Yes or no (buttons or typed words), recorded with the text and its version at the clock's time.</summary>
    public StepAnswer Answer(Turn turn, ConsentStep step, BotInput input)
    {
        var index = ChoiceMatcher.Match(input, Choices(step));
        if (index is null && input is TextInput text)
        {
            var typed = ChoiceMatcher.Normalize(text.Text);
            index = YesWords.Contains(typed) ? 0 : NoWords.Contains(typed) ? 1 : null;
        }

        if (index is null)
        {
            return StepAnswer.NotUnderstood;
        }

        var granted = index == 0;
        turn.Effects.Add(new ConsentRecorded(new ConsentRecord(step.Purpose, granted, step.Version, turn.Render(step.Text), timeProvider.GetUtcNow())));
        turn.Variables[$"{ValueRoots.Consent}.{step.Purpose}"] = granted ? step.Version : "declined";
        return StepAnswer.MoveTo(granted ? step.OnYes : step.OnNo);
    }

    /// <summary>Whether the customer already agreed to this version (in this session or before); such a step is skipped.</summary>
    public static bool IsGranted(Turn turn, ConsentStep step)
    {
        if (turn.Variables.TryGetValue($"{ValueRoots.Consent}.{step.Purpose}", out var answered))
        {
            return answered == step.Version;
        }

        var last = turn.Context.Consents.LastOrDefault(c => c.Purpose == step.Purpose);
        return last is { Granted: true } && last.TextVersion == step.Version;
    }

    /// <summary>The yes and no choices.</summary>
    public static List<Choice> Choices(ConsentStep step) => [new(step.YesLabel, $"{step.Id}#yes"), new(step.NoLabel, $"{step.Id}#no")];
}
