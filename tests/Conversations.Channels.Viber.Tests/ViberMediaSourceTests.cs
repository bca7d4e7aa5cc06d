using Conversations.Abstractions.Channels;
using Conversations.Channels.Media;
using Conversations.Testing.Viber;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Channels.Viber.Tests;

public sealed class ViberMediaSourceTests : IAsyncLifetime
{
    private ViberApiStandIn _viber = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _viber = await ViberApiStandIn.StartAsync();
        var services = new ServiceCollection();
        services.AddHttpClient(ViberMediaSource.HttpClientName);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _viber.DisposeAsync();
    }

    [Fact]
    public async Task The_media_url_the_mapper_stored_is_downloaded_with_its_type_and_an_expired_link_is_unavailable()
    {
        var source = new ViberMediaSource(_services.GetRequiredService<IHttpClientFactory>());
        var account = new ChannelAccount(new ChannelAccountKey(ChannelKind.Viber, "pa:1"), Guid.NewGuid(), "Bot", InboundMode.Webhook, "token", null, true);
        var url = _viber.ServeFile("picture.jpg", [0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg");

        var download = await source.DownloadAsync(account, url, CancellationToken.None);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);

        Assert.Equal("image/jpeg", download.ContentType);
        Assert.Equal([0xFF, 0xD8, 0xFF, 0xE0], copy.ToArray());
        await Assert.ThrowsAsync<ChannelMediaUnavailableException>(() => source.DownloadAsync(account, url.Replace("picture.jpg", "gone.jpg", StringComparison.Ordinal), CancellationToken.None));
        await Assert.ThrowsAsync<ChannelMediaUnavailableException>(() => source.DownloadAsync(account, "not a url", CancellationToken.None));
    }
}
