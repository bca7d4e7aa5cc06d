using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Media;
using Conversations.Persistence.Media;
using Conversations.Persistence.Postgres;
using Conversations.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// A host configured for the S3 media store: a customer's photo goes through the real webhook, is fetched into the
/// bucket and served under <c>/api/v1/media/{id}</c> with ranges; retention deletes the object; a bucket that refuses is a
/// retried fetch and a 503 problem, never a 500.
/// </summary>
public sealed class TelegramOnS3Tests(TelegramOnS3Fixture telegram) : IClassFixture<TelegramOnS3Fixture>
{
    [Fact]
    public async Task A_photo_through_the_webhook_lands_in_the_bucket_and_is_served_with_a_range_read_from_it()
    {
        var user = Fixture.NewUserId();
        var fileId = $"s3-photo-{user}";
        var bytes = PhotoBytes();
        telegram.BotApi.AddFile(fileId, bytes, $"photos/file_{user}.jpg");

        (await telegram.PostUpdateAsync(Fixture.Load("photo", user).Replace("large-file", fileId, StringComparison.Ordinal))).EnsureSuccessStatusCode();
        var media = await LinkedMediaAsync(user);

        var key = $"{telegram.TenantId:N}/{Convert.ToHexStringLower(SHA256.HashData(bytes))}";
        Assert.Equal(bytes, telegram.S3.Find(TelegramOnS3Fixture.Bucket, key)!.Bytes);
        using var request = new HttpRequestMessage(HttpMethod.Get, await SignedLinkAsync(media.MediaId!.Value));
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var response = await telegram.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 1000-1999/{bytes.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(bytes[1000..2000], await response.Content.ReadAsByteArrayAsync());
        // Only the part was read from the bucket, with a ranged GetObject.
        Assert.Contains(telegram.S3.Calls, c => c.Method == "GET" && c.Key == key && c.Answered == 206 && c.Range!.StartsWith("bytes=1000-", StringComparison.Ordinal));
        Assert.DoesNotContain(telegram.S3.Calls, c => c.Method == "GET" && c.Key == key && c.Range is null);
    }

    [Fact]
    public async Task Retention_deletes_the_files_object_from_the_bucket()
    {
        var user = Fixture.NewUserId();
        var fileId = $"s3-old-{user}";
        var bytes = PhotoBytes();
        telegram.BotApi.AddFile(fileId, bytes, $"photos/old_{user}.png");
        await telegram.PostUpdateAsync(Fixture.Load("photo", user).Replace("large-file", fileId, StringComparison.Ordinal));
        var media = await LinkedMediaAsync(user);
        var key = PostgresMediaStore.BucketKey(telegram.TenantId, SHA256.HashData(bytes));
        Assert.NotNull(telegram.S3.Find(TelegramOnS3Fixture.Bucket, key));

        var store = telegram.App.Service<IMediaStore>();
        Assert.True(await store.DeleteOlderThanAsync(telegram.TenantId, telegram.Clock.GetUtcNow().AddDays(1)) >= 1);

        Assert.Null(telegram.S3.Find(TelegramOnS3Fixture.Bucket, key));
        Assert.Null(await store.FindAsync(telegram.TenantId, media.MediaId!.Value));
    }

    [Fact]
    public async Task A_bucket_that_refuses_is_a_retried_fetch_and_a_503_problem_never_a_500()
    {
        var user = Fixture.NewUserId();
        var fileId = $"s3-refused-{user}";
        var bytes = PhotoBytes();
        telegram.BotApi.AddFile(fileId, bytes, $"photos/refused_{user}.png");
        telegram.S3.FailNext("PUT", 403, "AccessDenied");

        // The webhook is acknowledged whatever the bucket does: the fetch is behind it.
        Assert.Equal(HttpStatusCode.OK, (await telegram.PostUpdateAsync(Fixture.Load("photo", user).Replace("large-file", fileId, StringComparison.Ordinal))).StatusCode);
        await Eventually.HoldsAsync(() => telegram.S3.Calls.Any(c => c.Method == "PUT" && c.ErrorCode == "AccessDenied"), "the refused PutObject");
        Assert.Null(await ImageMediaAsync(user));

        await Eventually.AdvanceUntilAsync(telegram.Clock, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1),
            async () => await ImageMediaAsync(user) is { MediaId: not null }, "the photo linked after the retry");
        var media = (await ImageMediaAsync(user))!;

        telegram.S3.FailNext("GET", 403, "AccessDenied");
        using var response = await telegram.Http.GetAsync(await SignedLinkAsync(media.MediaId!.Value));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("AccessDenied", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    /// <summary>
    /// The file's signed link (<c>/api/v1/media/{id}/signed</c>, what the console's players use), served by the same code
    /// as the logged-in download; signed on the fixture's fake clock, which the login tokens' lifetime is not.
    /// </summary>
    private Task<string> SignedLinkAsync(Guid mediaId) =>
        telegram.App.Service<MediaLinkSigner>().SignAsync(telegram.TenantId, mediaId, telegram.Clock.GetUtcNow() + MediaLinkSigner.Lifetime);

    /// <summary>A PNG (the 1x1 one) followed by 200 KB: sniffed as an image, large enough that a range is a real part of it.</summary>
    private static byte[] PhotoBytes() => [.. TelegramMediaTests.Png, .. RandomNumberGenerator.GetBytes(200_000)];

    private async Task<MediaAttachment> LinkedMediaAsync(long user)
    {
        MediaAttachment? media = null;
        await Eventually.HoldsAsync(async () => (media = await ImageMediaAsync(user)) is { MediaId: not null }, "the customer's file linked to the message");
        return media!;
    }

    private async Task<MediaAttachment?> ImageMediaAsync(long user) =>
        (await telegram.HistoryAsync(user)).FirstOrDefault(m => m.Direction == MessageDirection.Customer)?.Content is ImageContent image ? image.Media : null;
}
