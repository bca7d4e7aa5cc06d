namespace Conversations.Grains.Conversations;

/// <summary>How one bot turn on one customer message ended.</summary>
internal enum BotTurnOutcome
{
    /// <summary>The turn is in the draft (a reply, a handoff, or nothing when the bot failed for good): the cursor moves past the message.</summary>
    Done,

    /// <summary>The bot could not run for a passing reason: the message stays pending and is tried again.</summary>
    Postponed,

    /// <summary>The reply needs a call to the business's system: it runs outside the grain's turn, the message stays pending until then.</summary>
    NeedsOutsideCall,
}
