using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Accounts;
using Conversations.Persistence.Media;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Media;

/// <summary>
/// Fetches customers' files from their channels in the background, after the message that refers to them is durable
/// (never on a webhook's ack path), keeps them in the media store through <see cref="MediaIntake"/>, and links the
/// stored file to the message. Generic over the registered <see cref="IChannelMediaSource"/>s: a channel carries
/// media by registering one. A refused file (too large, a type the tenant does not accept, gone from the channel)
/// is settled at once with the reason on the message; other failures are retried with backoff and, after
/// <see cref="MediaFetchOptions.MaxAttempts"/>, also shown on the message. Runs on every silo; claims keep them apart.
/// </summary>
public sealed partial class MediaFetcher(
    IMediaFetchQueue queue,
    MediaFetchSignal signal,
    IEnumerable<IChannelMediaSource> sources,
    MediaIntake intake,
    ChannelAccountCache accounts,
    IGrainFactory grains,
    IOptions<MediaFetchOptions> options,
    TimeProvider time,
    ILogger<MediaFetcher> logger) : BackgroundService
{
    private readonly MediaFetchOptions _options = options.Value;
    private readonly Dictionary<ChannelKind, IChannelMediaSource> _sources = sources.ToDictionary(s => s.Kind);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) > 0)
                {
                    continue;
                }

                await signal.WaitAsync(_options.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogRoundFailed(logger, ex);
                await signal.WaitAsync(_options.PollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Claims the due files and settles each; returns how many were claimed. Internal for tests.</summary>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await queue.ClaimAsync(time.GetUtcNow(), _options.BatchSize, _options.Lease, cancellationToken);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (entry, ct) => await FetchAsync(entry, ct));
        return claimed.Count;
    }

    private async Task FetchAsync(MediaFetchEntry entry, CancellationToken cancellationToken)
    {
        var fetch = entry.Fetch;
        MediaAttachment? outcome;
        string? transientError = null;
        Exception? thrown = null;
        try
        {
            outcome = await DownloadAndStoreAsync(fetch, cancellationToken);
        }
        catch (ChannelMediaUnavailableException ex)
        {
            outcome = MediaAttachment.Refused($"The channel did not give the file: {ex.Message}");
        }
        catch (MediaRefusedException ex)
        {
            outcome = MediaAttachment.Refused(ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            outcome = null;
            thrown = ex;
            transientError = ex.Message;
        }

        var attempts = entry.Attempts + 1;
        if (outcome is null)
        {
            if (attempts < _options.MaxAttempts)
            {
                await queue.RetryAsync(entry.Id, time.GetUtcNow() + Backoff(attempts), transientError!, cancellationToken);
                LogFetchDeferred(logger, thrown, fetch.Channel, fetch.ConversationId, fetch.Seq, attempts);
                return;
            }

            outcome = MediaAttachment.Refused($"The file could not be fetched from {fetch.Channel} after {attempts} attempts.");
            LogFetchGaveUp(logger, thrown, fetch.Channel, fetch.ConversationId, fetch.Seq, attempts);
        }

        // The link is the settlement: the row goes only once the message carries it, so a crash in between fetches again
        // (the store keeps one copy of the same bytes, and linking the same file twice changes nothing).
        await grains.GetGrain<IConversationGrain>(new ConversationKey(fetch.TenantId, fetch.ConversationId).ToGrainKey())
            .AttachMediaAsync(fetch.Seq, outcome);
        await queue.CompleteAsync(entry.Id, cancellationToken);
        if (outcome.MediaId is null)
        {
            LogFetchRefused(logger, fetch.Channel, fetch.ConversationId, fetch.Seq, outcome.Problem);
        }
    }

    private async Task<MediaAttachment> DownloadAndStoreAsync(MediaFetch fetch, CancellationToken cancellationToken)
    {
        if (!_sources.TryGetValue(fetch.Channel, out var source))
        {
            throw new ChannelMediaUnavailableException($"{fetch.Channel} files cannot be fetched yet.");
        }

        var account = await accounts.GetAsync(new ChannelAccountKey(fetch.Channel, fetch.Account));
        if (account is null || account.TenantId != fetch.TenantId)
        {
            throw new ChannelMediaUnavailableException($"The {fetch.Channel} account {fetch.Account} is no longer connected.");
        }

        await using var download = await source.DownloadAsync(account, fetch.Reference, cancellationToken);
        var stored = await intake.StoreAsync(fetch.TenantId, download.Content, fetch.FileName ?? download.FileName, download.Length, cancellationToken);
        return MediaAttachment.Stored(stored.MediaId, stored.ContentType, stored.Size);
    }

    private TimeSpan Backoff(int attempts)
    {
        var delay = _options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempts - 1);
        return TimeSpan.FromMilliseconds(Math.Min(delay, _options.MaxRetryDelay.TotalMilliseconds));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media fetch round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching the {Channel} file of message {Seq} in conversation {ConversationId} failed (attempt {Attempts}); retrying")]
    private static partial void LogFetchDeferred(ILogger logger, Exception? exception, ChannelKind channel, Guid conversationId, long seq, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up fetching the {Channel} file of message {Seq} in conversation {ConversationId} after {Attempts} attempts")]
    private static partial void LogFetchGaveUp(ILogger logger, Exception? exception, ChannelKind channel, Guid conversationId, long seq, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Channel} file of message {Seq} in conversation {ConversationId} is not stored: {Problem}")]
    private static partial void LogFetchRefused(ILogger logger, ChannelKind channel, Guid conversationId, long seq, string? problem);
}
