using System.Globalization;

namespace Conversations.Abstractions.Tenants.Admission;

/// <summary>The answer of <see cref="ITenantAdmission"/>: admitted (holding a concurrency slot until disposed) or refused.</summary>
public sealed class TenantAdmissionLease : IDisposable
{
    private IDisposable? _slot;

    private TenantAdmissionLease(bool admitted, TimeSpan retryAfter, string? reason, IDisposable? slot)
    {
        Admitted = admitted;
        RetryAfter = retryAfter;
        Reason = reason;
        _slot = slot;
    }

    /// <summary>Admitted without a bound: the tenant has no plan.</summary>
    public static TenantAdmissionLease Unbounded { get; } = new(true, TimeSpan.Zero, null, null);

    /// <summary>True when the work may run now.</summary>
    public bool Admitted { get; }

    /// <summary>When refused: how long until a retry may be admitted (if nobody else takes the budget first).</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>When refused: which bound refused, for the person who hit it (no tenant data).</summary>
    public string? Reason { get; }

    /// <summary>Whole seconds to wait, rounded up and at least 1 (what <c>Retry-After</c> says).</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    /// <summary><see cref="RetryAfterSeconds"/> as the header's text.</summary>
    public string RetryAfterHeader => RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>Admitted, holding <paramref name="slot"/> (a concurrency slot) until disposed.</summary>
    public static TenantAdmissionLease Granted(IDisposable slot) => new(true, TimeSpan.Zero, null, slot);

    /// <summary>Refused: retry after <paramref name="retryAfter"/>; <paramref name="reason"/> names the bound.</summary>
    public static TenantAdmissionLease Refused(TimeSpan retryAfter, string reason) => new(false, retryAfter, reason, null);

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _slot, null)?.Dispose();
}
