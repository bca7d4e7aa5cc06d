using System.Diagnostics;
using System.Security.Cryptography;
using Conversations.Channels.Media;
using Conversations.Persistence.InMemory;
using Conversations.Persistence.Media;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Tests.Media;

/// <summary>The retention job on a fake clock: files go when their tenant's days have passed, never by default.</summary>
public sealed class MediaRetentionJobTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryMediaStore _store = new();
    private readonly MediaOptions _options = new();

    private MediaRetentionJob Job() =>
        new(_store, new StaticOptions(_options), _time, NullLogger<MediaRetentionJob>.Instance);

    private async Task<StoredMedia> PutAsync(Guid tenant) =>
        await PutAsync(tenant, RandomNumberGenerator.GetBytes(64));

    private async Task<StoredMedia> PutAsync(Guid tenant, byte[] bytes) =>
        await _store.PutAsync(new MediaUpload(Guid.CreateVersion7(), tenant, bytes, SHA256.HashData(bytes), "application/pdf", null, _time.GetUtcNow()), long.MaxValue);

    [Fact]
    public async Task Files_are_kept_forever_by_default()
    {
        var tenant = Guid.NewGuid();
        var file = await PutAsync(tenant);
        _time.Advance(TimeSpan.FromDays(3650));

        Assert.Equal(0, await Job().RunOnceAsync(CancellationToken.None));

        Assert.NotNull(await _store.FindAsync(tenant, file.MediaId));
    }

    [Fact]
    public async Task A_tenants_days_delete_its_older_files_only_and_other_tenants_keep_theirs()
    {
        var strict = Guid.NewGuid();
        var forever = Guid.NewGuid();
        _options.Tenants[strict] = new MediaLimits { RetentionDays = 30 };
        var old = await PutAsync(strict);
        var othersOld = await PutAsync(forever);
        _time.Advance(TimeSpan.FromDays(20));
        var recent = await PutAsync(strict);
        _time.Advance(TimeSpan.FromDays(11));

        Assert.Equal(1, await Job().RunOnceAsync(CancellationToken.None));

        Assert.Null(await _store.FindAsync(strict, old.MediaId));
        Assert.NotNull(await _store.FindAsync(strict, recent.MediaId));
        Assert.NotNull(await _store.FindAsync(forever, othersOld.MediaId));
    }

    [Fact]
    public async Task The_default_days_apply_to_tenants_without_limits_of_their_own()
    {
        var ordinary = Guid.NewGuid();
        var keepsForever = Guid.NewGuid();
        _options.Default.RetentionDays = 7;
        _options.Tenants[keepsForever] = new MediaLimits { RetentionDays = null };
        _options.RetentionBatchSize = 2; // several batches
        var ordinaryFiles = new List<StoredMedia>();
        for (var i = 0; i < 5; i++)
        {
            ordinaryFiles.Add(await PutAsync(ordinary));
        }

        var kept = await PutAsync(keepsForever);
        _time.Advance(TimeSpan.FromDays(8));

        Assert.Equal(5, await Job().RunOnceAsync(CancellationToken.None));

        foreach (var file in ordinaryFiles)
        {
            Assert.Null(await _store.FindAsync(ordinary, file.MediaId));
        }

        Assert.NotNull(await _store.FindAsync(keepsForever, kept.MediaId));
    }

    [Fact]
    public async Task The_same_bytes_stored_again_renew_the_file()
    {
        var tenant = Guid.NewGuid();
        _options.Tenants[tenant] = new MediaLimits { RetentionDays = 30 };
        var bytes = RandomNumberGenerator.GetBytes(64);
        var file = await PutAsync(tenant, bytes);
        _time.Advance(TimeSpan.FromDays(25));
        Assert.Equal(file.MediaId, (await PutAsync(tenant, bytes)).MediaId);
        _time.Advance(TimeSpan.FromDays(25));

        Assert.Equal(0, await Job().RunOnceAsync(CancellationToken.None));

        Assert.NotNull(await _store.FindAsync(tenant, file.MediaId));
    }

    [Fact]
    public async Task The_running_job_deletes_when_its_interval_passes_on_the_clock()
    {
        var tenant = Guid.NewGuid();
        _options.Tenants[tenant] = new MediaLimits { RetentionDays = 1 };
        var file = await PutAsync(tenant);
        _time.Advance(TimeSpan.FromDays(2));
        using var job = Job();
        await job.StartAsync(CancellationToken.None);
        try
        {
            // The file is past its day, but the job waits its interval (an hour) before its first round.
            _time.Advance(TimeSpan.FromMinutes(59));
            Assert.NotNull(await _store.FindAsync(tenant, file.MediaId));

            // Then a round runs once the hour is up (the job may start waiting a moment after StartAsync returns, so
            // the clock moves a minute at a time until it does, within a bounded wait).
            var waited = Stopwatch.StartNew();
            while (await _store.FindAsync(tenant, file.MediaId) is not null)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "the job deleted the file after its interval");
                _time.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(1);
            }
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }
    }

    private sealed class StaticOptions(MediaOptions value) : IOptionsMonitor<MediaOptions>
    {
        public MediaOptions CurrentValue => value;

        public MediaOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MediaOptions, string?> listener) => null;
    }
}
