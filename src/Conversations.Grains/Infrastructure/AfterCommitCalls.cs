using Conversations.Abstractions.Common;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Infrastructure;

/// <summary>
/// One-way calls a grain makes to other grains after its own change committed: the operators' queue told a customer
/// waits or left, an operator's load, the customer's profile (updates, consents, a phone, the closed conversation),
/// a knowledge-base proposal.
/// </summary>
/// <remarks>
/// These cannot be part of the conversation's commit: their targets are other grains with their own state, not rows
/// in the conversation's transaction. Sent fire-and-forget, a silo leaving or a grain's storage restarting lost them
/// without a trace (a customer never queued, an operator's slot never freed). So a call that fails for a passing reason
/// is retried with a bounded backoff, and a call that finally fails is logged with its exception. Every target is
/// idempotent (set add/remove, upsert, "already proposed" check), so a retry after a call that did land but whose answer
/// was lost is harmless; the one exception, a customer update, may record a consent twice, which is better than never.
/// The calls are two-way (not <c>[OneWay]</c>) only so that a failure comes back to be retried; the caller still does not
/// wait for them: the change is committed and answered already.
/// </remarks>
internal sealed partial class AfterCommitCalls(TimeProvider time, ILogger<AfterCommitCalls> logger)
{
    /// <summary>Waits before each retry of a call that failed for a passing reason; after the last one the call is given up.</summary>
    public static IReadOnlyList<TimeSpan> Backoff { get; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    /// <summary>Starts <paramref name="call"/> without waiting for it; <paramref name="what"/> names it in the log.</summary>
    public void Send(string what, Guid conversationId, Func<Task> call) => _ = SendAsync(what, conversationId, call);

    /// <summary>
    /// Makes <paramref name="call"/>, retrying transient failures after each <see cref="Backoff"/> delay; logs and returns
    /// when it finally fails (never throws).
    /// </summary>
    public async Task SendAsync(string what, Guid conversationId, Func<Task> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception ex) when (attempt < Backoff.Count && TransientFailure.Is(ex))
            {
                LogRetrying(logger, ex, what, conversationId, attempt + 1);
                await Task.Delay(Backoff[attempt], time);
            }
            catch (Exception ex)
            {
                LogLost(logger, ex, what, conversationId, attempt + 1);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} for conversation {ConversationId} failed for a passing reason (attempt {Attempt}); retrying")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string what, Guid conversationId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "{What} for conversation {ConversationId} failed after {Attempts} attempt(s) and is given up")]
    private static partial void LogLost(ILogger logger, Exception exception, string what, Guid conversationId, int attempts);
}
