namespace Conversations.LoadTests;

/// <summary>What the run checked after the load: nothing lost, nothing doubled.</summary>
/// <param name="Acknowledged">Messages the silos acknowledged.</param>
/// <param name="ExpectedBotReplies">Acknowledged Telegram messages the bot answers (one reply each).</param>
/// <param name="BotReplies">Replies the Bot API stand-in received for them.</param>
/// <param name="MissingReplies">Acknowledged messages without their reply.</param>
/// <param name="DuplicateReplies">Replies beyond one per message.</param>
/// <param name="AcknowledgedMissingInDatabase">Acknowledged messages not stored (PostgreSQL runs).</param>
/// <param name="StoredDuplicates">Messages stored more than once (PostgreSQL runs).</param>
internal sealed record Verification(
    int Acknowledged, int ExpectedBotReplies, int BotReplies, int MissingReplies, int DuplicateReplies,
    int? AcknowledgedMissingInDatabase, int? StoredDuplicates);
