using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Conversations.Persistence.Media;

namespace Conversations.Persistence.S3;

/// <summary>
/// Files' bytes in an S3-compatible bucket through the AWS SDK: PutObject, GetObject (with a byte range for a part),
/// DeleteObject. Errors of the bucket or the network become <see cref="MediaStorageUnavailableException"/> naming the
/// S3 error code; a missing key is null.
/// </summary>
public sealed class S3MediaBucket(IAmazonS3 s3, S3MediaOptions options) : IMediaBucket
{
    /// <inheritdoc />
    public async Task PutAsync(string key, byte[] bytes, string contentType, CancellationToken cancellationToken = default)
    {
        var request = new PutObjectRequest
        {
            BucketName = options.Bucket,
            Key = options.KeyPrefix + key,
            InputStream = new MemoryStream(bytes, writable: false),
            ContentType = contentType,
            AutoCloseStream = true,
        };
        await CallAsync("PutObject", () => s3.PutObjectAsync(request, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAsync(string key, long offset = 0, int? count = null, CancellationToken cancellationToken = default)
    {
        var request = new GetObjectRequest { BucketName = options.Bucket, Key = options.KeyPrefix + key };
        if (offset > 0 || count is not null)
        {
            request.ByteRange = count is { } n ? new ByteRange(offset, offset + Math.Max(n, 1) - 1) : new ByteRange($"bytes={offset}-");
        }

        try
        {
            return await CallAsync("GetObject", async () =>
            {
                using var response = await s3.GetObjectAsync(request, cancellationToken);
                using var bytes = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
                await response.ResponseStream.CopyToAsync(bytes, cancellationToken);
                return bytes.ToArray();
            });
        }
        catch (MediaStorageUnavailableException ex) when (ex.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound, ErrorCode: "NoSuchKey" })
        {
            return null;
        }
        catch (MediaStorageUnavailableException ex) when (ex.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.RequestedRangeNotSatisfiable })
        {
            // A range that starts at the end: nothing more to read.
            return [];
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await CallAsync("DeleteObject", () => s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = options.Bucket, Key = options.KeyPrefix + key }, cancellationToken));

    private static async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception ex)
        {
            throw new MediaStorageUnavailableException($"The media bucket refused {operation}: {ex.ErrorCode} ({(int)ex.StatusCode}).", ex);
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException or HttpRequestException or IOException)
        {
            throw new MediaStorageUnavailableException($"The media bucket could not be reached for {operation}: {ex.GetType().Name}.", ex);
        }
    }
}
