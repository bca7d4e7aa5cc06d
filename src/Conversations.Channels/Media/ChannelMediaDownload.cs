namespace Conversations.Channels.Media;

/// <summary>A file opened from a channel; the caller reads <see cref="Content"/> to the end and disposes it.</summary>
/// <param name="Content">The bytes, as a stream.</param>
/// <param name="ContentType">The type the channel states, if any (the store sniffs the bytes and does not trust it).</param>
/// <param name="FileName">The name the channel gives, if any.</param>
/// <param name="Length">The length the channel states, if known (lets the store refuse an oversized file before reading it).</param>
public sealed record ChannelMediaDownload(Stream Content, string? ContentType, string? FileName, long? Length) : IAsyncDisposable
{
    /// <inheritdoc />
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
