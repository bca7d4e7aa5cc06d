using Conversations.Abstractions.Channels;
using Conversations.Channels.Media;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Conversations.Channels.Telegram;

/// <summary>
/// Downloads a customer's photo or file with the Bot API: <c>getFile</c> turns the <c>file_id</c> into a
/// <c>file_path</c>, then the bytes come from <c>{api}/file/bot{token}/{file_path}</c>
/// (core.telegram.org/bots/api#getfile: bots can download files of up to 20 MB; the link is valid for at least an
/// hour, so it is asked for at each attempt and never stored).
/// </summary>
public sealed class TelegramMediaSource(TelegramClientFactory clients) : IChannelMediaSource
{
    /// <summary>The largest file the Bot API lets a bot download (core.telegram.org/bots/api#getfile).</summary>
    public const long MaxDownloadBytes = 20L * 1024 * 1024;

    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Telegram;

    /// <inheritdoc />
    public async Task<ChannelMediaDownload> DownloadAsync(ChannelAccount account, string reference, CancellationToken cancellationToken)
    {
        var client = clients.For(account.Credential ?? throw new ChannelMediaUnavailableException($"{account.Key} has no bot token."));
        global::Telegram.Bot.Types.TGFile file;
        try
        {
            file = await client.GetFile(reference, cancellationToken);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode is 400 or 401 or 403 or 404)
        {
            // 400 "file is too big" or "wrong file_id", 401/403 the bot lost access: asking again will not help.
            throw new ChannelMediaUnavailableException(ex.Message, ex);
        }

        if (file.FileSize > MaxDownloadBytes)
        {
            throw new ChannelMediaUnavailableException($"Telegram lets bots download files of up to 20 MB; this one is {file.FileSize:N0} bytes.");
        }

        if (string.IsNullOrEmpty(file.FilePath))
        {
            throw new ChannelMediaUnavailableException("Telegram gave no download path for the file.");
        }

        var bytes = new MemoryStream();
        try
        {
            await client.DownloadFile(file.FilePath, bytes, cancellationToken);
        }
        catch
        {
            await bytes.DisposeAsync();
            throw;
        }

        bytes.Position = 0;
        return new ChannelMediaDownload(bytes, null, Path.GetFileName(file.FilePath), bytes.Length);
    }
}
