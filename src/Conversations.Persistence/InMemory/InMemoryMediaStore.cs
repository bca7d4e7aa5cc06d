using Conversations.Persistence.Media;

namespace Conversations.Persistence.InMemory;

/// <summary>The embedded mode's media store: the same rules as PostgreSQL (one copy per tenant and hash, the quota) in memory.</summary>
public sealed class InMemoryMediaStore : IMediaStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, (StoredMedia Media, byte[] Bytes, DateTimeOffset LastUsed)> _files = [];

    /// <inheritdoc />
    public Task<StoredMedia> PutAsync(MediaUpload upload, long quotaBytes, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var existing = _files.Values.FirstOrDefault(f => f.Media.TenantId == upload.TenantId && f.Media.Sha256.AsSpan().SequenceEqual(upload.Sha256));
            if (existing.Media is not null)
            {
                _files[existing.Media.MediaId] = existing with { LastUsed = existing.LastUsed > upload.CreatedAt ? existing.LastUsed : upload.CreatedAt };
                return Task.FromResult(existing.Media);
            }

            var used = Usage(upload.TenantId);
            if (used + upload.Bytes.LongLength > quotaBytes)
            {
                throw MediaRefusedException.QuotaExceeded(used, upload.Bytes.LongLength, quotaBytes);
            }

            var media = new StoredMedia(upload.MediaId, upload.TenantId, upload.Sha256, upload.ContentType, upload.Bytes.LongLength, upload.FileName, upload.CreatedAt);
            _files[media.MediaId] = (media, upload.Bytes, upload.CreatedAt);
            return Task.FromResult(media);
        }
    }

    /// <inheritdoc />
    public Task<StoredMedia?> FindAsync(Guid tenantId, Guid mediaId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_files.TryGetValue(mediaId, out var file) && file.Media.TenantId == tenantId ? file.Media : null);
        }
    }

    /// <inheritdoc />
    public Task<byte[]?> ReadAsync(Guid tenantId, Guid mediaId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_files.TryGetValue(mediaId, out var file) && file.Media.TenantId == tenantId ? file.Bytes : null);
        }
    }

    /// <inheritdoc />
    public Task<byte[]?> ReadRangeAsync(Guid tenantId, Guid mediaId, long offset, int count, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_files.TryGetValue(mediaId, out var file) || file.Media.TenantId != tenantId)
            {
                return Task.FromResult<byte[]?>(null);
            }

            var from = (int)Math.Min(offset, file.Bytes.Length);
            return Task.FromResult<byte[]?>(file.Bytes.AsSpan(from, Math.Min(count, file.Bytes.Length - from)).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<long> UsageAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Usage(tenantId));
        }
    }

    /// <inheritdoc />
    public Task<int> DeleteOlderThanAsync(Guid tenantId, DateTimeOffset before, int limit = int.MaxValue, CancellationToken cancellationToken = default) =>
        Task.FromResult(Delete(f => f.Media.TenantId == tenantId && f.LastUsed < before, limit));

    /// <inheritdoc />
    public Task<int> DeleteAllOlderThanAsync(DateTimeOffset before, IReadOnlyCollection<Guid> exceptTenants, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(Delete(f => f.LastUsed < before && !exceptTenants.Contains(f.Media.TenantId), limit));

    private int Delete(Func<(StoredMedia Media, byte[] Bytes, DateTimeOffset LastUsed), bool> expired, int limit)
    {
        lock (_gate)
        {
            var old = _files.Values.Where(expired).Take(limit).Select(f => f.Media.MediaId).ToList();
            old.ForEach(id => _files.Remove(id));
            return old.Count;
        }
    }

    private long Usage(Guid tenantId) => _files.Values.Where(f => f.Media.TenantId == tenantId).Sum(f => f.Media.Size);
}
