using Conversations.Persistence.Media;

namespace Conversations.Api.Media;

/// <summary>
/// A stored file as a seekable, read-only stream that reads from the store only the part asked for, a
/// <see cref="ReadAhead"/> at a time: ASP.NET Core's range processing seeks to the start of a range and reads its
/// length, so a player asking for a few hundred kilobytes of a long video costs one ranged read, not the whole file.
/// </summary>
public sealed class StoredMediaStream(IMediaStore store, StoredMedia media) : Stream
{
    /// <summary>The most read from the store at once.</summary>
    public const int ReadAhead = 1024 * 1024;

    private byte[] _buffer = [];
    private long _bufferStart;
    private long _position;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => true;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => media.Size;

    /// <inheritdoc />
    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, media.Size);
    }

    /// <summary>
    /// Reads the first part from <paramref name="offset"/> now, before any response header is written: a store that fails
    /// then is still a clean 503, not a response cut off after its 200.
    /// </summary>
    public async Task PrimeAsync(long offset, CancellationToken cancellationToken)
    {
        if (offset < media.Size)
        {
            await FillAsync(offset, ReadAhead, cancellationToken);
        }
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= media.Size || buffer.Length == 0)
        {
            return 0;
        }

        if (_position < _bufferStart || _position >= _bufferStart + _buffer.Length)
        {
            await FillAsync(_position, buffer.Length, cancellationToken);
            if (_buffer.Length == 0)
            {
                return 0;
            }
        }

        var offset = (int)(_position - _bufferStart);
        var copied = Math.Min(buffer.Length, _buffer.Length - offset);
        _buffer.AsMemory(offset, copied).CopyTo(buffer);
        _position += copied;
        return copied;
    }

    private async Task FillAsync(long offset, int wanted, CancellationToken cancellationToken)
    {
        var count = (int)Math.Min(Math.Max(wanted, ReadAhead), media.Size - offset);
        _buffer = await store.ReadRangeAsync(media.TenantId, media.MediaId, offset, count, cancellationToken)
            ?? throw new MediaStorageUnavailableException($"File {media.MediaId:N} went away while it was read.");
        _bufferStart = offset;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => media.Size + offset,
    };

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
