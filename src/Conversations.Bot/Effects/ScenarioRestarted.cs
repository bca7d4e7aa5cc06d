namespace Conversations.Bot.Effects;

/// <summary>
/// The scenario changed under a conversation and its step no longer exists, so the conversation restarted from the
/// start step; worth a note in the history.
/// </summary>
public sealed record ScenarioRestarted(string PreviousVersion, string PreviousStepId, string NewVersion) : BotEffect;
