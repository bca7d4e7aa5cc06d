using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Conversations.Grains.Bot.Ai;

/// <summary>
/// One chat call under a timeout on the injected clock, measured (<see cref="AiMetrics"/>) and logged by outcome only:
/// a timeout or a failure of the service is null, never an exception into the bot's turn.
/// </summary>
internal static partial class AiCall
{
    public static async Task<string?> ChatAsync(IChatClient chat, string kind, string system, string user, TimeSpan timeout, TimeProvider time,
        ILogger logger, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await chat.GetResponseAsync(
                [new AiChatMessage(ChatRole.System, system), new AiChatMessage(ChatRole.User, user)],
                new ChatOptions { Temperature = 0, MaxOutputTokens = 500 }, linked.Token);
            AiMetrics.Called(kind, "ok", Stopwatch.GetElapsedTime(started), response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
            return response.Text;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            AiMetrics.Called(kind, "timeout", Stopwatch.GetElapsedTime(started), null, null);
            LogTimedOut(logger, kind, timeout);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AiMetrics.Called(kind, "error", Stopwatch.GetElapsedTime(started), null, null);
            LogFailed(logger, kind, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An AI call ({Kind}) got no answer within {Timeout}; the bot goes on without it")]
    private static partial void LogTimedOut(ILogger logger, string kind, TimeSpan timeout);

    // The exception's message may quote the request (customer text): only its type is logged.
    [LoggerMessage(Level = LogLevel.Warning, Message = "An AI call ({Kind}) failed ({ErrorType}); the bot goes on without it")]
    private static partial void LogFailed(ILogger logger, string kind, string errorType);
}
