using System.Security.Cryptography;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Media;

namespace Conversations.Persistence.Tests;

/// <summary>The rules every media store and fetch queue keeps, run against PostgreSQL and memory alike.</summary>
public abstract class MediaStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    protected abstract IMediaStore Media { get; }

    protected abstract IConversationStore Conversations { get; }

    protected abstract IMediaFetchQueue Fetches { get; }

    [Fact]
    public async Task The_same_bytes_stored_twice_are_kept_once_under_the_first_id_and_name()
    {
        var tenant = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(1000);
        var first = await Media.PutAsync(Upload(tenant, bytes, "first.bin"), long.MaxValue);
        var second = await Media.PutAsync(Upload(tenant, bytes, "second.bin"), long.MaxValue);

        Assert.Equal(first.MediaId, second.MediaId);
        Assert.Equal("first.bin", second.FileName);
        Assert.Equal(1000, await Media.UsageAsync(tenant));
        Assert.Equal(bytes, await Media.ReadAsync(tenant, first.MediaId));
        Assert.Equal(SHA256.HashData(bytes), (await Media.FindAsync(tenant, first.MediaId))!.Sha256);
    }

    [Fact]
    public async Task Another_tenants_media_id_finds_nothing()
    {
        var owner = Guid.NewGuid();
        var stored = await Media.PutAsync(Upload(owner, RandomNumberGenerator.GetBytes(10)), long.MaxValue);

        Assert.Null(await Media.FindAsync(Guid.NewGuid(), stored.MediaId));
        Assert.Null(await Media.ReadAsync(Guid.NewGuid(), stored.MediaId));
        Assert.NotNull(await Media.FindAsync(owner, stored.MediaId));
    }

    [Fact]
    public async Task A_range_reads_only_its_part_and_what_is_left_at_the_end_and_nothing_for_another_tenant()
    {
        var tenant = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(5000);
        var stored = await Media.PutAsync(Upload(tenant, bytes), long.MaxValue);

        Assert.Equal(bytes[0..100], await Media.ReadRangeAsync(tenant, stored.MediaId, 0, 100));
        Assert.Equal(bytes[4000..4700], await Media.ReadRangeAsync(tenant, stored.MediaId, 4000, 700));
        Assert.Equal(bytes[4900..], await Media.ReadRangeAsync(tenant, stored.MediaId, 4900, 1000));
        Assert.Null(await Media.ReadRangeAsync(Guid.NewGuid(), stored.MediaId, 0, 100));
    }

    [Fact]
    public async Task A_file_that_would_pass_the_quota_is_refused_with_the_usage_in_the_reason_but_known_bytes_still_resolve()
    {
        var tenant = Guid.NewGuid();
        var kept = RandomNumberGenerator.GetBytes(600);
        await Media.PutAsync(Upload(tenant, kept), 1000);

        var refused = await Assert.ThrowsAsync<MediaRefusedException>(() => Media.PutAsync(Upload(tenant, RandomNumberGenerator.GetBytes(500)), 1000));

        Assert.Equal(MediaRefusal.QuotaExceeded, refused.Refusal);
        Assert.Contains("600 of 1,000 bytes", refused.Message, StringComparison.Ordinal);
        Assert.Equal(600, await Media.UsageAsync(tenant));
        // The same bytes again take no room, so they are not refused.
        await Media.PutAsync(Upload(tenant, kept), 1000);
        // Another tenant's quota is its own.
        await Media.PutAsync(Upload(Guid.NewGuid(), RandomNumberGenerator.GetBytes(900)), 1000);
    }

    [Fact]
    public async Task Retention_deletes_only_the_tenants_files_older_than_the_cut()
    {
        var tenant = Guid.NewGuid();
        var other = Guid.NewGuid();
        var old = await Media.PutAsync(Upload(tenant, RandomNumberGenerator.GetBytes(10), at: Now.AddDays(-40)), long.MaxValue);
        var recent = await Media.PutAsync(Upload(tenant, RandomNumberGenerator.GetBytes(10), at: Now.AddDays(-1)), long.MaxValue);
        var othersOld = await Media.PutAsync(Upload(other, RandomNumberGenerator.GetBytes(10), at: Now.AddDays(-40)), long.MaxValue);

        Assert.Equal(1, await Media.DeleteOlderThanAsync(tenant, Now.AddDays(-30)));

        Assert.Null(await Media.FindAsync(tenant, old.MediaId));
        Assert.NotNull(await Media.FindAsync(tenant, recent.MediaId));
        Assert.NotNull(await Media.FindAsync(other, othersOld.MediaId));
    }

    [Fact]
    public async Task Retention_counts_from_the_last_time_the_same_bytes_were_stored()
    {
        var tenant = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(10);
        var first = await Media.PutAsync(Upload(tenant, bytes, at: Now.AddDays(-40)), long.MaxValue);
        await Media.PutAsync(Upload(tenant, bytes, at: Now.AddDays(-2)), long.MaxValue);

        Assert.Equal(0, await Media.DeleteOlderThanAsync(tenant, Now.AddDays(-30)));

        Assert.NotNull(await Media.FindAsync(tenant, first.MediaId));
    }

    [Fact]
    public async Task Default_retention_deletes_other_tenants_old_files_in_batches_and_spares_the_excepted()
    {
        var ordinary = Guid.NewGuid();
        var excepted = Guid.NewGuid();
        var old = new List<StoredMedia>();
        for (var i = 0; i < 3; i++)
        {
            old.Add(await Media.PutAsync(Upload(ordinary, RandomNumberGenerator.GetBytes(10), at: Now.AddDays(-4000)), long.MaxValue));
        }

        var recent = await Media.PutAsync(Upload(ordinary, RandomNumberGenerator.GetBytes(10), at: Now), long.MaxValue);
        var spared = await Media.PutAsync(Upload(excepted, RandomNumberGenerator.GetBytes(10), at: Now.AddDays(-4000)), long.MaxValue);

        // Other tests' files may be as old on a shared database: only this test's are counted.
        var cut = Now.AddDays(-3999);
        Assert.Equal(2, await Media.DeleteAllOlderThanAsync(cut, [excepted], 2));
        while (await Media.DeleteAllOlderThanAsync(cut, [excepted], 2) > 0)
        {
        }

        foreach (var file in old)
        {
            Assert.Null(await Media.FindAsync(ordinary, file.MediaId));
        }

        Assert.NotNull(await Media.FindAsync(ordinary, recent.MediaId));
        Assert.NotNull(await Media.FindAsync(excepted, spared.MediaId));
    }

    [Fact]
    public async Task A_fetch_committed_with_its_message_is_claimed_once_retried_after_its_delay_and_gone_when_completed()
    {
        var commits = new CommitBuilder(Guid.NewGuid());
        var commit = commits.Customer("photo");
        var fetch = new MediaFetch(commits.TenantId, commits.ConversationId, commit.Messages[0].Message.Seq, ChannelKind.Telegram, "bot-1", "file-1", null, Now);
        await Conversations.CommitAsync(commit with { MediaFetches = [fetch] });

        var claimed = Assert.Single(await Fetches.ClaimAsync(Now, 10, TimeSpan.FromMinutes(2)), e => e.Fetch.ConversationId == commits.ConversationId);
        Assert.Equal(fetch, claimed.Fetch);
        Assert.Equal(0, claimed.Attempts);
        // Claimed: not due again for another silo within the lease.
        Assert.DoesNotContain(await Fetches.ClaimAsync(Now.AddMinutes(1), 10, TimeSpan.FromMinutes(2)), e => e.Id == claimed.Id);

        await Fetches.RetryAsync(claimed.Id, Now.AddSeconds(5), "timeout");
        Assert.DoesNotContain(await Fetches.ClaimAsync(Now.AddSeconds(4), 10, TimeSpan.FromMinutes(2)), e => e.Id == claimed.Id);
        var again = Assert.Single(await Fetches.ClaimAsync(Now.AddSeconds(5), 10, TimeSpan.FromMinutes(2)), e => e.Id == claimed.Id);
        Assert.Equal(1, again.Attempts);

        await Fetches.CompleteAsync(claimed.Id);
        Assert.DoesNotContain(await Fetches.ClaimAsync(Now.AddHours(1), 10, TimeSpan.FromMinutes(2)), e => e.Id == claimed.Id);
    }

    [Fact]
    public async Task Linking_a_file_replaces_the_content_without_marking_the_message_edited_or_keeping_a_revision()
    {
        var commits = new CommitBuilder(Guid.NewGuid());
        var first = commits.Customer("x");
        var photo = first.Messages[0] with { Message = first.Messages[0].Message with { Content = new ImageContent(null, "file-1") } };
        await Conversations.CommitAsync(first with { Messages = [photo] });

        var linked = new ImageContent(null, "file-1", Media: MediaAttachment.Stored(Guid.NewGuid(), "image/png", 42));
        var next = commits.Next();
        await Conversations.CommitAsync(next with { Edits = [new MessageEdit(1, linked, Now, IsRevision: false)] });

        var message = Assert.Single(await Conversations.ReadMessagesAsync(commits.TenantId, commits.ConversationId, new HistoryQuery()));
        Assert.Equal(linked, message.Content);
        Assert.Null(message.EditedAt);
        Assert.Empty(await Conversations.ReadRevisionsAsync(commits.TenantId, commits.ConversationId, 1));
    }

    private static MediaUpload Upload(Guid tenant, byte[] bytes, string? name = null, DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), tenant, bytes, SHA256.HashData(bytes), "application/octet-stream", name, at ?? Now);
}
