using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Channels.Vk.Api;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Vk;

/// <summary>
/// The Bots Long Poll mode (dev.vk.com/api/bots-long-poll/getting-started) for communities connected without a public
/// URL: <c>groups.getLongPollServer</c>, then <c>{server}?act=a_check&amp;key=&amp;ts=&amp;wait=25</c> in a loop. One silo
/// polls a community at a time (a lease in the account grain); the <c>ts</c> advances only after the events are
/// durable, so a crash reads them again and the <c>event_id</c> dedup keeps them single.
/// </summary>
public sealed partial class VkLongPollService(
    IGrainFactory grains,
    VkApiClient api,
    VkCallbackProcessor processor,
    IHttpClientFactory httpClients,
    ILogger<VkLongPollService> logger) : BackgroundService
{
    /// <summary>How long the Long Poll server holds a request open, in seconds (VK allows up to 90).</summary>
    public const int WaitSeconds = 25;

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.CreateVersion7():N}";
    private readonly ConcurrentDictionary<ChannelAccountKey, Task> _loops = new();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var key in await grains.GetGrain<IPollingRegistryGrain>((int)ChannelKind.Vk).ListAsync())
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
        VkLongPollServer? server = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var account = await grain.GetAsync();
                if (account is not { Enabled: true, Mode: InboundMode.Polling })
                {
                    return; // disconnected or switched to the Callback API
                }

                if (!await grain.TryAcquirePollingLeaseAsync(_holder, Lease))
                {
                    await Task.Delay(TimeSpan.FromSeconds(15), stoppingToken);
                    continue;
                }

                server ??= await api.CallAsync<VkLongPollServer>("groups.getLongPollServer", account.Credential!, [new("group_id", key.Account)], stoppingToken);
                var ts = await grain.GetPollingOffsetAsync();
                if (ts <= 0)
                {
                    ts = ParseTs(server.Ts);
                }

                var url = $"{server.Server}?act=a_check&key={Uri.EscapeDataString(server.Key)}&ts={ts.ToString(CultureInfo.InvariantCulture)}&wait={WaitSeconds}";
                var answer = await httpClients.CreateClient(VkApiClient.HttpClientName).GetFromJsonAsync<VkLongPollResponse>(new Uri(url), Json, stoppingToken)
                    ?? throw new JsonException("The Long Poll server answered an empty body.");
                switch (answer.Failed)
                {
                    case 1:
                        await grain.ConfirmPollingOffsetAsync(ParseTs(answer.Ts));
                        continue;
                    case 2:
                        server = null; // the key expired: a new key, the same ts
                        continue;
                    case 3:
                        // Information lost: a new key and ts (VK's ts only grows, and so does the stored offset).
                        server = await api.CallAsync<VkLongPollServer>("groups.getLongPollServer", account.Credential!, [new("group_id", key.Account)], stoppingToken);
                        await grain.ConfirmPollingOffsetAsync(ParseTs(server.Ts));
                        LogEventsLost(logger, key.Account);
                        continue;
                }

                foreach (var update in answer.Updates ?? [])
                {
                    try
                    {
                        await processor.ProcessAsync(account, update, stoppingToken);
                    }
                    catch (JsonException ex)
                    {
                        LogMalformedEvent(logger, ex, key.Account, update.Type ?? "");
                    }
                }

                if (answer.Ts is { } next)
                {
                    await grain.ConfirmPollingOffsetAsync(ParseTs(next));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (VkApiException ex) when (ex.ErrorCode is 5 or 27)
            {
                LogTokenRevoked(logger, key.Account, ex.ErrorCode);
                return;
            }
            catch (Exception ex)
            {
                server = null;
                LogPollFailed(logger, ex, key.Account);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>VK gives ts as a number or as a string of digits.</summary>
    private static long ParseTs(JsonElement? ts) => ts switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var value) => value,
        { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new JsonException("The Long Poll ts is not a number."),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the list of Long Poll VK communities failed")]
    private static partial void LogRegistryFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Long Poll of VK community {GroupId} failed; retrying in 5 s")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string groupId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VK Long Poll of community {GroupId} said events were lost (failed 3); polling goes on from the new ts")]
    private static partial void LogEventsLost(ILogger logger, string groupId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A malformed {Type} event from VK community {GroupId} was skipped")]
    private static partial void LogMalformedEvent(ILogger logger, Exception exception, string groupId, string type);

    [LoggerMessage(Level = LogLevel.Error, Message = "VK refused the token of community {GroupId} ({ErrorCode}); Long Poll stopped until the community is reconnected")]
    private static partial void LogTokenRevoked(ILogger logger, string groupId, int errorCode);
}
