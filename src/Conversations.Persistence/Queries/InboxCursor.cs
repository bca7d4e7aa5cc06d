using System.Globalization;

namespace Conversations.Persistence.Queries;

/// <summary>
/// A position in the inbox order: customers waiting for an operator first (longest waiting first), then the rest by
/// latest activity. <see cref="Rank"/> encodes that order in one number; ties break on the conversation id.
/// </summary>
public sealed record InboxCursor(long Rank, Guid ConversationId)
{
    /// <summary>Offset that puts every non-waiting conversation after every waiting one.</summary>
    public const long RestOffset = 10_000_000_000_000;

    /// <summary>The rank of a conversation (smaller comes first).</summary>
    public static long RankOf(bool waiting, DateTimeOffset? waitingSince, DateTimeOffset lastActivityAt) =>
        waiting && waitingSince is { } since
            ? since.ToUnixTimeMilliseconds()
            : RestOffset + (RestOffset - lastActivityAt.ToUnixTimeMilliseconds());

    /// <summary>An opaque string for the API.</summary>
    public override string ToString() => $"{Rank.ToString(CultureInfo.InvariantCulture)}_{ConversationId:N}";

    /// <summary>Parses <see cref="ToString"/>; null when it is not a cursor.</summary>
    public static InboxCursor? TryParse(string? text)
    {
        var parts = text?.Split('_');
        return parts is [var rank, var id] && long.TryParse(rank, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) && Guid.TryParseExact(id, "N", out var g)
            ? new InboxCursor(r, g)
            : null;
    }
}
