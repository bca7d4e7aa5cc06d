using Conversations.Bot.Templates;

namespace Conversations.Bot.Engine;

/// <summary>Runs an end step.</summary>
internal static class EndStepRunner
{
    /// <summary>Says the closing text, if any; the scenario ends.</summary>
    public static string? Run(Turn turn, Template? text)
    {
        if (text is not null)
        {
            turn.Say(turn.Render(text));
        }

        return null;
    }
}
