namespace Conversations.Abstractions.Conversations;

/// <summary>Which messages of a conversation to read.</summary>
/// <param name="AfterSeq">Return messages with a greater sequence number (0 = from the start).</param>
/// <param name="Limit">At most this many (1..500).</param>
/// <param name="IncludeBot">Also bot messages (the live-chat view shows customer and operator messages only).</param>
/// <param name="IncludeEvents">Also conversation events.</param>
[GenerateSerializer, Immutable, Alias("conv.HistoryQuery")]
public sealed record HistoryQuery(
    [property: Id(0)] long AfterSeq = 0,
    [property: Id(1)] int Limit = 100,
    [property: Id(2)] bool IncludeBot = true,
    [property: Id(3)] bool IncludeEvents = true);
