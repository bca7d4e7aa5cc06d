using System.Collections.Concurrent;

namespace Conversations.Client.Tests;

/// <summary>
/// A network the test can pull the plug on: <see cref="GoDown"/> cuts every open event stream mid-read and refuses
/// new requests until <see cref="ComeBack"/>. Records the <c>Last-Event-ID</c> of each feed request.
/// </summary>
public sealed class UnreliableNetwork() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentBag<CuttableStream> _streams = [];
    private volatile bool _down;
    private int _historyReads;

    /// <summary>The <c>Last-Event-ID</c> of each request for the feed, in order (null when none was sent).</summary>
    public ConcurrentQueue<string?> FeedResumeIds { get; } = new();

    /// <summary>How many history reads (<c>GET .../messages</c>) went through: the feed's catch-ups.</summary>
    public int HistoryReads => _historyReads;

    public void GoDown()
    {
        _down = true;
        foreach (var stream in _streams)
        {
            stream.Cut();
        }
    }

    public void ComeBack() => _down = false;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_down)
        {
            throw new HttpRequestException("The test network is down.");
        }

        var feed = request.RequestUri!.AbsolutePath == "/api/v1/events";
        if (feed)
        {
            FeedResumeIds.Enqueue(request.Headers.TryGetValues("Last-Event-ID", out var ids) ? ids.Single() : null);
        }

        if (request.Method == HttpMethod.Get && request.RequestUri.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _historyReads);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (feed && response.IsSuccessStatusCode)
        {
            var stream = new CuttableStream(await response.Content.ReadAsStreamAsync(cancellationToken));
            _streams.Add(stream);
            var content = new StreamContent(stream);
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = content;
        }

        return response;
    }

    /// <summary>A response body whose reads fail, as a dropped connection's do, once cut.</summary>
    private sealed class CuttableStream(Stream inner) : Stream
    {
        private readonly CancellationTokenSource _cut = new();

        public void Cut() => _cut.Cancel();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cut.Token);
            try
            {
                return await inner.ReadAsync(buffer, linked.Token);
            }
            catch (OperationCanceledException) when (_cut.IsCancellationRequested)
            {
                throw new IOException("The connection was cut.");
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                _cut.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
