namespace Conversations.LoadTests;

/// <summary>The store ceiling of a load run: bot-answered turns per second the group-commit writer took on the run's PostgreSQL.</summary>
/// <param name="Writers">Concurrent conversations writing (one turn at a time each).</param>
/// <param name="CommitsPerTurn">2: inbound, then reply + outbox (today's path); 1: all in one commit.</param>
/// <param name="TurnsPerSecond">Turns committed per second.</param>
/// <param name="TurnLatency">From a turn's first write to its last commit.</param>
internal sealed record StoreCeiling(int Writers, int CommitsPerTurn, double TurnsPerSecond, LatencySummary TurnLatency);
