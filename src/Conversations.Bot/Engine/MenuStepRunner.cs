using Conversations.Bot.Scenarios.Steps;

namespace Conversations.Bot.Engine;

/// <summary>Answers at a menu step: the customer picks an option.</summary>
internal static class MenuStepRunner
{
    /// <summary>Moves to the chosen option's step, or not understood.</summary>
    public static StepAnswer Answer(MenuStep menu, BotInput input) =>
        ChoiceMatcher.Match(input, Choices(menu)) is { } index ? StepAnswer.MoveTo(menu.Options[index].Next) : StepAnswer.NotUnderstood;

    public static List<Choice> Choices(MenuStep menu) => [.. menu.Options.Select(o => new Choice(o.Label, o.Payload))];
}
