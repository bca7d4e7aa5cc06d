using Conversations.Bot.Effects;
using Conversations.Bot.Scenarios.Steps;

namespace Conversations.Bot.Engine;

/// <summary>Runs a handoff step.</summary>
internal static class HandoffStepRunner
{
    /// <summary>Says the step's text and asks the caller for a human; the scenario stops here.</summary>
    public static string? Run(Turn turn, HandoffStep handoff)
    {
        if (handoff.Text is not null)
        {
            turn.Say(turn.Render(handoff.Text));
        }

        turn.Effects.Add(new HandoffRequested(turn.Render(handoff.Reason)));
        return null;
    }
}
