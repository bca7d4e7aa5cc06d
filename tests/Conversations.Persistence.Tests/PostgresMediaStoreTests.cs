using Conversations.Persistence.Conversations;
using Conversations.Persistence.Media;
using Conversations.Persistence.Postgres;
using Conversations.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Conversations.Persistence.Tests;

public class PostgresMediaStoreTests(PostgresDatabase database) : MediaStoreContract, IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private GroupCommitWriter? _writer;
    private PostgresConversationStore? _conversations;

    protected override IMediaStore Media => new PostgresMediaStore(database.DataSource, Bucket);

    /// <summary>Where the store keeps the bytes: null for the bytea column (overridden by the S3 run of the same tests).</summary>
    protected virtual IMediaBucket? Bucket => null;

    protected override IConversationStore Conversations => _conversations!;

    protected override IMediaFetchQueue Fetches => new PostgresMediaFetchQueue(database.DataSource);

    public virtual Task InitializeAsync()
    {
        _writer = new GroupCommitWriter(database.DataSource, Options.Create(new BatchWriterOptions { MaxBatchSize = 8, Writers = 1 }), NullLogger<GroupCommitWriter>.Instance);
        _writer.Start();
        _conversations = new PostgresConversationStore(_writer, new ConversationReads(database.DataSource));
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await _writer!.DisposeAsync();

    [Fact]
    public async Task Parallel_uploads_of_one_tenant_never_pass_the_quota_together()
    {
        var tenant = Guid.NewGuid();
        var uploads = Enumerable.Range(0, 8).Select(_ => Media.PutAsync(Upload(tenant, 400), 1000)).ToList();
        var outcomes = await Task.WhenAll(uploads.Select(async u =>
        {
            try
            {
                await u;
                return true;
            }
            catch (MediaRefusedException)
            {
                return false;
            }
        }));

        Assert.Equal(2, outcomes.Count(stored => stored));
        Assert.Equal(800, await Media.UsageAsync(tenant));
    }

    protected static MediaUpload Upload(Guid tenant, int size)
    {
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(size);
        return new MediaUpload(Guid.NewGuid(), tenant, bytes, System.Security.Cryptography.SHA256.HashData(bytes), "application/octet-stream", null, new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    }
}
