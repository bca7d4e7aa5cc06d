namespace Conversations.LoadTests;

/// <summary>What the run checked after the load: nothing lost, nothing doubled.</summary>
/// <param name="Acknowledged">Messages the silos acknowledged.</param>
/// <param name="ExpectedBotReplies">Acknowledged Telegram and WhatsApp messages the bot answers (one reply each).</param>
/// <param name="BotReplies">Replies the Bot API stand-in received for them.</param>
/// <param name="MissingReplies">Acknowledged messages without their reply.</param>
/// <param name="DuplicateReplies">Replies beyond one per message.</param>
/// <param name="AcknowledgedMissingInDatabase">Acknowledged messages not stored (PostgreSQL runs).</param>
/// <param name="StoredDuplicates">Messages stored more than once (PostgreSQL runs).</param>
/// <param name="FeedsBehind">Operator × conversation pairs whose last stored message the operator's feed never showed (PostgreSQL runs).</param>
/// <param name="AutoReleases">Auto-releases of the chats operators took (runs with a short auto-release).</param>
internal sealed record Verification(
    int Acknowledged, int ExpectedBotReplies, int BotReplies, int MissingReplies, int DuplicateReplies,
    int? AcknowledgedMissingInDatabase, int? StoredDuplicates, int? FeedsBehind = null, AutoReleaseCheck? AutoReleases = null)
{
    /// <summary>Nothing lost, nothing doubled, every feed caught up, every armed release fired once.</summary>
    public bool Passed =>
        MissingReplies == 0 && DuplicateReplies == 0 && (StoredDuplicates ?? 0) == 0 && (AcknowledgedMissingInDatabase ?? 0) == 0
        && (FeedsBehind ?? 0) == 0 && (AutoReleases is null || AutoReleases.ReleasedOnce == AutoReleases.Taken);
}

/// <summary>Chats operators took, and how many times each was auto-released.</summary>
internal sealed record AutoReleaseCheck(int Taken, int ReleasedOnce, int NeverReleased, int ReleasedMoreThanOnce);
