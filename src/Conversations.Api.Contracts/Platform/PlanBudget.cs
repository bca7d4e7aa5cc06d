namespace Conversations.Api.Contracts.Platform;

/// <summary>
/// One bounded kind of a tenant's work, for the whole cluster (each server admits its share: the budget divided by the
/// active servers): a token bucket and a bound on work in progress.
/// </summary>
/// <param name="PerSecond">Sustained rate a second (0.01–100000).</param>
/// <param name="Burst">How many may start at once after a quiet spell (1–1000000).</param>
/// <param name="Concurrent">At most this many in progress at once (1–100000).</param>
public sealed record PlanBudget(double PerSecond, int Burst, int Concurrent);
