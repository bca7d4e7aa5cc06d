using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Conversations;

/// <summary>Which message directions a <see cref="HistoryQuery"/> asks for.</summary>
public static class HistoryFilter
{
    /// <summary>True when messages of <paramref name="direction"/> belong in the page.</summary>
    public static bool Includes(HistoryQuery query, MessageDirection direction) => direction switch
    {
        MessageDirection.Bot => query.IncludeBot,
        MessageDirection.System => query.IncludeEvents,
        _ => true,
    };

    /// <summary>The directions as the numbers stored in the database.</summary>
    public static short[] Directions(HistoryQuery query) =>
        [.. Enum.GetValues<MessageDirection>().Where(d => Includes(query, d)).Select(d => (short)d)];
}
