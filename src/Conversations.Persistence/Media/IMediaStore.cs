namespace Conversations.Persistence.Media;

/// <summary>
/// Tenants' files, content-addressed: one copy per tenant and SHA-256. Implemented on PostgreSQL (durable, shared by
/// every silo) and in memory (embedded mode). Every read is scoped to a tenant: another tenant's id finds nothing.
/// Files enter through <c>MediaIntake</c>, which sniffs and checks them first.
/// </summary>
public interface IMediaStore
{
    /// <summary>
    /// Stores <paramref name="upload"/>, or returns the tenant's existing file with the same bytes (and counts that as a
    /// use at <see cref="MediaUpload.CreatedAt"/>, so retention keeps it). Throws
    /// <see cref="MediaRefusedException"/> (<see cref="MediaRefusal.QuotaExceeded"/>) when the new bytes would take the
    /// tenant's files over <paramref name="quotaBytes"/>.
    /// </summary>
    Task<StoredMedia> PutAsync(MediaUpload upload, long quotaBytes, CancellationToken cancellationToken = default);

    /// <summary>The tenant's file, without its bytes; null when the tenant has no such file.</summary>
    Task<StoredMedia?> FindAsync(Guid tenantId, Guid mediaId, CancellationToken cancellationToken = default);

    /// <summary>The bytes of the tenant's file; null when the tenant has no such file.</summary>
    Task<byte[]?> ReadAsync(Guid tenantId, Guid mediaId, CancellationToken cancellationToken = default);

    /// <summary>
    /// <paramref name="count"/> bytes of the tenant's file from <paramref name="offset"/> (fewer at its end): what a range
    /// request for video or audio needs, without reading the whole file; null when the tenant has no such file.
    /// </summary>
    Task<byte[]?> ReadRangeAsync(Guid tenantId, Guid mediaId, long offset, int count, CancellationToken cancellationToken = default);

    /// <summary>Bytes the tenant's files take.</summary>
    Task<long> UsageAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> of the tenant's files last stored (or stored again) before
    /// <paramref name="before"/> (retention); returns how many.
    /// </summary>
    Task<int> DeleteOlderThanAsync(Guid tenantId, DateTimeOffset before, int limit = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> files of every tenant but <paramref name="exceptTenants"/> last stored (or
    /// stored again) before <paramref name="before"/>: the default retention, for tenants without limits of their own.
    /// </summary>
    Task<int> DeleteAllOlderThanAsync(DateTimeOffset before, IReadOnlyCollection<Guid> exceptTenants, int limit, CancellationToken cancellationToken = default);
}
