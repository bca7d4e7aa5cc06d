using System.Data.Common;
using Orleans.Serialization;

namespace Conversations.Abstractions.Common;

/// <summary>
/// Failures caused by cluster membership changes or a database that is briefly away (restarting, failing over)
/// rather than by the call itself: worth retrying, never worth giving up on a customer's message for.
/// </summary>
public static class TransientFailure
{
    /// <summary>True when <paramref name="exception"/> or one it wraps is transient.</summary>
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OrleansMessageRejectionException or SiloUnavailableException or TimeoutException or ClientNotAvailableException
                or DbException { IsTransient: true } or Orleans.Storage.InconsistentStateException)
            {
                return true;
            }

            // (A stale ETag: the grain deactivates and the retry meets a fresh activation.)
            // A grain could not read its state: the activation failed before doing anything, so the call can be retried.
            // The storage provider puts the database's error in the message; on another silo it may not even survive the
            // trip back (no codec for the driver's exception type).
            if (e is OrleansException && e.Message.StartsWith("Error from storage provider", StringComparison.Ordinal)
                || e is CodecNotFoundException && e.Message.Contains("Npgsql.", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
