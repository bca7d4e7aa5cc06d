namespace Conversations.Abstractions.Tenants.Admission;

/// <summary>
/// Admits a tenant's work within its plan on this silo (its share of the cluster's budget). Asked on the hot paths:
/// the answer comes from memory; plans are re-read every few seconds.
/// </summary>
public interface ITenantAdmission
{
    /// <summary>
    /// One piece of <paramref name="work"/> of <paramref name="tenantId"/>: admitted (dispose the lease when the work is
    /// done, which frees its concurrency slot) or refused with the time until a retry may be admitted.
    /// </summary>
    ValueTask<TenantAdmissionLease> AdmitAsync(TenantWork work, Guid tenantId);

    /// <summary>Forgets this silo's copy of the plans, so a change made through this silo applies at once here (others follow within seconds).</summary>
    void Invalidate();
}
