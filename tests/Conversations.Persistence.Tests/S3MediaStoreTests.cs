using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Conversations.Persistence.Media;
using Conversations.Persistence.Postgres;
using Conversations.Persistence.S3;
using Conversations.Testing;
using Conversations.Testing.S3;
using Npgsql;

namespace Conversations.Persistence.Tests;

/// <summary>
/// The media store with its bytes in an S3 bucket (the real AWS SDK against the S3 stand-in) and its metadata in
/// PostgreSQL: every rule of the contract (inherited), plus what only a bucket has.
/// </summary>
public sealed class S3MediaStoreTests(PostgresDatabase database) : PostgresMediaStoreTests(database)
{
    private const string BucketName = "media";
    private readonly PostgresDatabase _database = database;
    private S3StandIn? _s3;
    private AmazonS3Client? _client;

    protected override IMediaBucket? Bucket => BucketWith(_client!);

    private S3StandIn S3 => _s3!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _s3 = await S3StandIn.StartAsync(BucketName);
        _client = Client(S3StandIn.SecretKey);
    }

    public override async Task DisposeAsync()
    {
        _client?.Dispose();
        await _s3!.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task The_bytes_go_to_the_bucket_under_the_tenant_and_checksum_and_the_row_keeps_only_metadata()
    {
        var tenant = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var stored = await Media.PutAsync(UploadOf(tenant, bytes), long.MaxValue);

        var key = $"{tenant:N}/{Convert.ToHexStringLower(SHA256.HashData(bytes))}";
        Assert.Equal(bytes, S3.Find(BucketName, key)!.Bytes);
        Assert.Equal("application/octet-stream", S3.Find(BucketName, key)!.ContentType);
        await using var command = _database.DataSource.CreateCommand("SELECT data IS NULL, size FROM media WHERE media_id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", stored.MediaId));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
        Assert.Equal(300_000, reader.GetInt64(1));
        Assert.Equal(bytes, await Media.ReadAsync(tenant, stored.MediaId));
    }

    [Fact]
    public async Task A_part_of_a_file_is_read_with_a_ranged_GetObject_answered_206()
    {
        var tenant = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        var stored = await Media.PutAsync(UploadOf(tenant, bytes), long.MaxValue);

        Assert.Equal(bytes[1000..1500], await Media.ReadRangeAsync(tenant, stored.MediaId, 1000, 500));
        // Past the end: what is left.
        Assert.Equal(bytes[9990..], await Media.ReadRangeAsync(tenant, stored.MediaId, 9990, 500));

        var ranged = S3.Calls.Where(c => c.Method == "GET" && c.Range is not null).ToList();
        Assert.Equal(["bytes=1000-1499", "bytes=9990-10489"], ranged.Select(c => c.Range));
        Assert.All(ranged, c => Assert.Equal(206, c.Answered));
    }

    [Fact]
    public async Task Retention_deletes_the_object_from_the_bucket_with_its_row()
    {
        var tenant = Guid.NewGuid();
        var old = await Media.PutAsync(UploadOf(tenant, RandomNumberGenerator.GetBytes(10)) with { CreatedAt = DateTimeOffset.UnixEpoch.AddYears(30) }, long.MaxValue);
        var recent = await Media.PutAsync(UploadOf(tenant, RandomNumberGenerator.GetBytes(10)), long.MaxValue);

        Assert.Equal(1, await Media.DeleteOlderThanAsync(tenant, DateTimeOffset.UnixEpoch.AddYears(40)));

        Assert.Null(S3.Find(BucketName, PostgresMediaStore.BucketKey(tenant, old.Sha256)));
        Assert.NotNull(S3.Find(BucketName, PostgresMediaStore.BucketKey(tenant, recent.Sha256)));
        Assert.Contains(S3.Calls, c => c.Method == "DELETE" && c.Key == PostgresMediaStore.BucketKey(tenant, old.Sha256) && c.Answered == 204);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_signature_and_stores_nothing()
    {
        using var wrong = Client("not-the-secret");
        var store = new PostgresMediaStore(_database.DataSource, BucketWith(wrong));
        var tenant = Guid.NewGuid();

        var refused = await Assert.ThrowsAsync<MediaStorageUnavailableException>(() => store.PutAsync(Upload(tenant, 100), long.MaxValue));

        Assert.Contains("SignatureDoesNotMatch (403)", refused.Message, StringComparison.Ordinal);
        Assert.Contains(S3.Calls, c => c.Method == "PUT" && c.ErrorCode == "SignatureDoesNotMatch" && c.Answered == 403);
        Assert.Equal(0, await store.UsageAsync(tenant));
        Assert.DoesNotContain(S3.Keys(BucketName), k => k.StartsWith($"{tenant:N}/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bucket_error_is_a_storage_failure_and_leaves_no_row()
    {
        var tenant = Guid.NewGuid();
        S3.FailNext("PUT", 403, "AccessDenied");

        var failed = await Assert.ThrowsAsync<MediaStorageUnavailableException>(() => Media.PutAsync(Upload(tenant, 100), long.MaxValue));

        Assert.Contains("AccessDenied", failed.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Media.UsageAsync(tenant));
    }

    [Fact]
    public async Task Files_stored_in_the_database_before_the_switch_to_a_bucket_are_still_read()
    {
        var tenant = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(500);
        var before = await new PostgresMediaStore(_database.DataSource).PutAsync(UploadOf(tenant, bytes), long.MaxValue);

        Assert.Equal(bytes, await Media.ReadAsync(tenant, before.MediaId));
        Assert.Equal(bytes[100..200], await Media.ReadRangeAsync(tenant, before.MediaId, 100, 100));
        Assert.DoesNotContain(S3.Calls, c => c.Key.StartsWith($"{tenant:N}/", StringComparison.Ordinal));
    }

    private static MediaUpload UploadOf(Guid tenant, byte[] bytes) => Upload(tenant, 0) with { Bytes = bytes, Sha256 = SHA256.HashData(bytes) };

    private AmazonS3Client Client(string secret) => new(new BasicAWSCredentials(S3StandIn.AccessKey, secret),
        new AmazonS3Config { ServiceURL = S3.BaseUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    private static S3MediaBucket BucketWith(IAmazonS3 client) => new(client, new S3MediaOptions { Bucket = BucketName, ForcePathStyle = true });
}
