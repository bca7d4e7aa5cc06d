using System.Net;
using Conversations.Api.Console;

namespace Conversations.Api.Tests;

/// <summary>The console's files as HTTP serves them.</summary>
public sealed class ConsoleAssetsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/console")]
    [InlineData("/console/feed.js")]
    [InlineData("/console/console.css")]
    public async Task A_head_request_gets_the_headers_of_a_get_without_the_body(string path)
    {
        using var http = fixture.NewClient();

        using var get = await http.GetAsync(path);
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.True(get.Content.Headers.ContentLength > 0);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
