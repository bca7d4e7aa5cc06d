using System.Collections.Concurrent;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Channels.Accounts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Conversations.Channels.Telegram;

/// <summary>
/// Long-polling (getUpdates) for bots connected in polling mode, for machines without a public URL. One silo polls
/// a bot at a time (a lease in the account grain); the offset advances only after the updates are durable, so a
/// crash re-reads them and deduplication keeps them single.
/// </summary>
public sealed partial class TelegramPollingService(
    IGrainFactory grains,
    TelegramClientFactory clients,
    TelegramUpdateProcessor processor,
    ChannelAccountCache accounts,
    IOptions<TelegramOptions> options,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    private static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery, UpdateType.MyChatMember];
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.CreateVersion7():N}";
    private readonly ConcurrentDictionary<ChannelAccountKey, Task> _loops = new();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var key in await grains.GetGrain<IPollingRegistryGrain>((int)ChannelKind.Telegram).ListAsync())
                {
                    if (!_loops.TryGetValue(key, out var loop) || loop.IsCompleted)
                    {
                        _loops[key] = PollAsync(key, stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRegistryFailed(logger, ex);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(15), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(_loops.Values);
    }

    private async Task PollAsync(ChannelAccountKey key, CancellationToken stoppingToken)
    {
        var grain = grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var account = await grain.GetAsync();
                if (account is not { Enabled: true, Mode: InboundMode.Polling })
                {
                    return; // disconnected or switched to webhook
                }

                if (!await grain.TryAcquirePollingLeaseAsync(_holder, Lease))
                {
                    await Task.Delay(TimeSpan.FromSeconds(15), stoppingToken);
                    continue;
                }

                var offset = await grain.GetPollingOffsetAsync();
                var updates = await clients.For(account.Credential!).SendRequest(new RawUpdatesRequest
                {
                    Offset = offset > 0 ? (int)offset : null,
                    Timeout = options.Value.PollingTimeoutSeconds,
                    AllowedUpdates = AllowedUpdates,
                }, stoppingToken);
                long? highest = null;
                foreach (var (id, raw) in updates.Select(u => (Id: UpdateId(u), Raw: u)).OrderBy(u => u.Id))
                {
                    if (Read(raw, key.Account, id) is { } update)
                    {
                        await processor.ProcessAsync(account, update, stoppingToken);
                    }

                    highest = id;
                }

                if (highest is { } last)
                {
                    await grain.ConfirmPollingOffsetAsync(last + 1L);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                LogTokenRevoked(logger, key.Account);
                accounts.Invalidate(key);
                return;
            }
            catch (Exception ex)
            {
                LogPollFailed(logger, ex, key.Account);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static long UpdateId(JsonElement update) =>
        update.ValueKind == JsonValueKind.Object && update.TryGetProperty("update_id", out var id) && id.TryGetInt64(out var value) ? value : 0;

    /// <summary>
    /// One update, read like a webhook body; one that is not an update at all is logged and passed over (the offset
    /// moves past it), as the webhook answers such a body 400 instead of retrying it for ever.
    /// </summary>
    private Update? Read(JsonElement raw, string botId, long updateId)
    {
        try
        {
            return TelegramUpdateJson.Read(JsonSerializer.SerializeToUtf8Bytes(raw));
        }
        catch (JsonException ex)
        {
            LogUnreadableUpdate(logger, ex, updateId, botId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} of Telegram bot {BotId} could not be read and was passed over")]
    private static partial void LogUnreadableUpdate(ILogger logger, Exception exception, long updateId, string botId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the list of polling Telegram bots failed")]
    private static partial void LogRegistryFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling Telegram bot {BotId} failed; retrying in 5 s")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string botId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram refused the token of bot {BotId} (401); polling stopped until the bot is reconnected")]
    private static partial void LogTokenRevoked(ILogger logger, string botId);
}
