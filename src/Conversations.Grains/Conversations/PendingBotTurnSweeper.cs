using Conversations.Abstractions.Conversations;
using Conversations.Persistence.Conversations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Conversations;

/// <summary>
/// Finds conversations whose customer message was stored but never answered by the bot (the silo died between the
/// two) and wakes them; the grain then answers exactly once. Every silo runs it; waking twice is harmless.
/// </summary>
internal sealed partial class PendingBotTurnSweeper(
    IConversationStore store,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<PendingBotTurnSweeper> logger) : BackgroundService
{
    /// <summary>How often to look.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>How far back: older unanswered messages are not worth a late bot reply.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    /// <summary>One pass; returns how many conversations were woken.</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pending = await store.FindPendingBotTurnsAsync(now - Window, 500, cancellationToken);
        var woken = 0;
        foreach (var (tenantId, conversationId) in pending)
        {
            // (The grain ignores the call when nothing is pending, so a race with its own turn does no harm.)
            var grain = grains.GetGrain<IConversationGrain>(new ConversationKey(tenantId, conversationId).ToGrainKey());
            await grain.RunPendingBotTurnsAsync();
            woken++;
        }

        if (woken > 0)
        {
            LogWoken(logger, woken);
        }

        return woken;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} conversations with an unanswered customer message")]
    private static partial void LogWoken(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping for unanswered messages failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
