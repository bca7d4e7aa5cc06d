namespace Conversations.Abstractions.Tenants.Admission;

/// <summary>
/// One bounded kind of a tenant's work, for the whole cluster: a token bucket (<see cref="Burst"/> at once, refilled at
/// <see cref="PerSecond"/>) and at most <see cref="Concurrent"/> pieces of it in progress. Each silo admits its share
/// (the budget divided by the active silos).
/// </summary>
/// <param name="PerSecond">Sustained rate, per second (1–100,000).</param>
/// <param name="Burst">Bucket size: how many may start at once after a quiet spell (1–1,000,000, and at least the rate's second's worth is sensible).</param>
/// <param name="Concurrent">At most this many in progress at once (1–100,000).</param>
[GenerateSerializer, Immutable, Alias("conv.TenantBudget")]
public sealed record TenantBudget(
    [property: Id(0)] double PerSecond,
    [property: Id(1)] int Burst,
    [property: Id(2)] int Concurrent)
{
    /// <summary>Largest sustained rate a plan may set.</summary>
    public const double MaxPerSecond = 100_000;

    /// <summary>Largest bucket a plan may set.</summary>
    public const int MaxBurst = 1_000_000;

    /// <summary>Largest concurrency a plan may set.</summary>
    public const int MaxConcurrent = 100_000;

    /// <summary>What is wrong with this budget, each naming the field under <paramref name="path"/> (empty when valid).</summary>
    public IEnumerable<string> Problems(string path)
    {
        if (!double.IsFinite(PerSecond) || PerSecond < 0.01 || PerSecond > MaxPerSecond)
        {
            yield return $"{path}.perSecond: {PerSecond} is out of range; use 0.01–{MaxPerSecond:0}.";
        }

        if (Burst is < 1 or > MaxBurst)
        {
            yield return $"{path}.burst: {Burst} is out of range; use 1–{MaxBurst}.";
        }

        if (Concurrent is < 1 or > MaxConcurrent)
        {
            yield return $"{path}.concurrent: {Concurrent} is out of range; use 1–{MaxConcurrent}.";
        }
    }

    /// <summary>
    /// This silo's share when <paramref name="silos"/> silos are active: the rate divided among them, the bucket and the
    /// concurrency too but never below 1 (so a small budget on many silos admits a little more than the whole, never nothing).
    /// </summary>
    public TenantBudget ShareOf(int silos)
    {
        var n = Math.Max(1, silos);
        return n == 1 ? this : new(PerSecond / n, Math.Max(1, (int)Math.Ceiling((double)Burst / n)), Math.Max(1, (int)Math.Ceiling((double)Concurrent / n)));
    }
}
