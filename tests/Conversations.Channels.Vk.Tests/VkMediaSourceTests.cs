using Conversations.Abstractions.Channels;
using Conversations.Channels.Media;
using Conversations.Testing.Vk;

namespace Conversations.Channels.Vk.Tests;

/// <summary>The VK media source fetches a customer's file by the URL the mapper kept.</summary>
public sealed class VkMediaSourceTests : IAsyncLifetime
{
    private static readonly ChannelAccount Account = new(new ChannelAccountKey(ChannelKind.Vk, "42"), Guid.NewGuid(), "Shop", InboundMode.Webhook, "t", "s", true);
    private VkApiStandIn _vk = null!;

    public async Task InitializeAsync() => _vk = await VkApiStandIn.StartAsync();

    public async Task DisposeAsync() => await _vk.DisposeAsync();

    [Fact]
    public async Task A_photo_url_is_downloaded_with_its_type_and_length()
    {
        var bytes = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4 };
        var url = _vk.ServeFile("big.jpg", bytes, "image/jpeg");

        await using var download = await new VkMediaSource(new PlainClients()).DownloadAsync(Account, url, CancellationToken.None);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);

        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal("image/jpeg", download.ContentType);
        Assert.Equal(bytes.Length, download.Length);
    }

    [Theory]
    [InlineData("gone")]
    [InlineData("not a url")]
    [InlineData("file:///etc/passwd")]
    public async Task A_file_vk_no_longer_has_or_a_reference_that_is_no_web_url_is_unavailable_for_good(string reference)
    {
        var target = reference == "gone" ? $"{_vk.BaseUrl}/files/gone.jpg" : reference;

        await Assert.ThrowsAsync<ChannelMediaUnavailableException>(() => new VkMediaSource(new PlainClients()).DownloadAsync(Account, target, CancellationToken.None));
    }

    private sealed class PlainClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
