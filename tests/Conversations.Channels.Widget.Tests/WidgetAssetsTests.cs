using System.Net;
using Conversations.Abstractions.Channels;
using Conversations.Grains.Channels;

namespace Conversations.Channels.Widget.Tests;

/// <summary>The widget's script, style sheet and demo page as HTTP serves them.</summary>
public sealed class WidgetAssetsTests(WidgetAppFixture widget) : IClassFixture<WidgetAppFixture>
{
    [Theory]
    [InlineData("/widget/widget.js")]
    [InlineData("/widget/widget.css")]
    [InlineData("/widget/demo")]
    public async Task A_head_request_gets_the_headers_of_a_get_without_the_body(string path)
    {
        using var get = await widget.Http.GetAsync(path);
        using var head = await widget.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.True(get.Content.Headers.ContentLength > 0);
        Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
        Assert.Equal("*", Assert.Single(head.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
