using System.Text;
using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Conversations.Channels.Tests.Webhooks;

public sealed class WebhookBodyTests
{
    private static HttpRequest Request(Stream body, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentLength = contentLength;
        return context.Request;
    }

    [Fact]
    public async Task A_chunked_body_without_a_length_is_read_whole_in_its_exact_bytes()
    {
        var sent = Encoding.UTF8.GetBytes(new string('ж', 40_000) + "\r\n end");
        using var stream = new TrickleStream(sent, 1000);

        var read = await WebhookBody.ReadAsync(Request(stream, contentLength: null), 1024 * 1024, CancellationToken.None);

        Assert.Equal(sent, read);
    }

    [Fact]
    public async Task A_body_with_a_length_is_read_whole()
    {
        var sent = Encoding.UTF8.GetBytes("{\"update_id\":1}");
        using var stream = new MemoryStream(sent);

        Assert.Equal(sent, await WebhookBody.ReadAsync(Request(stream, sent.Length), 1024, CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_body_is_empty_not_refused()
    {
        using var stream = new MemoryStream();

        Assert.Empty((await WebhookBody.ReadAsync(Request(stream, 0), 1024, CancellationToken.None))!);
    }

    [Fact]
    public async Task A_body_announced_larger_than_the_limit_is_refused_unread()
    {
        using var stream = new MemoryStream(new byte[10]);

        Assert.Null(await WebhookBody.ReadAsync(Request(stream, 2048), 1024, CancellationToken.None));
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task A_chunked_body_growing_past_the_limit_is_refused()
    {
        using var stream = new TrickleStream(new byte[5000], 700);

        Assert.Null(await WebhookBody.ReadAsync(Request(stream, contentLength: null), 4096, CancellationToken.None));
    }

    /// <summary>A body that arrives a few bytes per read, as a chunked request does.</summary>
    private sealed class TrickleStream(byte[] data, int perRead) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, perRead)], cancellationToken);
    }
}
