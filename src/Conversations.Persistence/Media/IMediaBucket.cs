namespace Conversations.Persistence.Media;

/// <summary>
/// Where the PostgreSQL media store puts files' bytes when they are not kept in the database (an S3-compatible bucket,
/// <c>Conversations:Media:Store = S3</c>). The store keeps the metadata, the quota and retention; the bucket only holds
/// bytes under keys the store chooses. Every failure of the bucket is a <see cref="MediaStorageUnavailableException"/>.
/// </summary>
public interface IMediaBucket
{
    /// <summary>Writes <paramref name="bytes"/> under <paramref name="key"/> (replacing what was there).</summary>
    Task PutAsync(string key, byte[] bytes, string contentType, CancellationToken cancellationToken = default);

    /// <summary>
    /// <paramref name="count"/> bytes from <paramref name="offset"/> of the object at <paramref name="key"/> (fewer at its
    /// end; all of it when <paramref name="count"/> is null); null when there is no such object.
    /// </summary>
    Task<byte[]?> ReadAsync(string key, long offset = 0, int? count = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object at <paramref name="key"/> (nothing happens when there is none).</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
