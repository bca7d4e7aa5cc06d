using System.Data.Common;
using Orleans.Serialization;
using Orleans.Storage;

namespace Conversations.Abstractions.Common;

/// <summary>
/// Failures caused by cluster membership changes or a database that is briefly away (restarting, failing over)
/// rather than by the call itself: worth retrying, never worth giving up on a customer's message for.
/// </summary>
/// <remarks>
/// Recognised by exception type and the database's SQLSTATE; message text only where the runtime gives no type
/// (a storage wrapper without its inner exception, a driver exception with no codec to cross silos).
/// </remarks>
public static class TransientFailure
{
    /// <summary>True when <paramref name="exception"/> or one it wraps is transient.</summary>
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (IsClusterChange(e) || IsDatabaseAway(e) || IsStorageFailure(e) || IsDriverFailureLostOnTheWire(e))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A silo left, was unreachable or did not answer in time; a stale ETag (the grain deactivates and the retry meets a fresh activation).</summary>
    private static bool IsClusterChange(Exception e) =>
        e is OrleansMessageRejectionException or SiloUnavailableException or TimeoutException or ClientNotAvailableException
            or InconsistentStateException;

    /// <summary>
    /// The driver's own verdict (Npgsql: broken connection, timeout, server shutting down, out of resources), or a
    /// SQLSTATE class that means the server was away rather than the statement wrong: 08 connection exception,
    /// 53 insufficient resources, 57P01-57P03 administrator shutdown, crash shutdown, cannot connect now.
    /// </summary>
    private static bool IsDatabaseAway(Exception e) =>
        e is DbException db && (db.IsTransient || db.SqlState is { Length: 5 } state
            && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
                || state is "57P01" or "57P02" or "57P03"));

    /// <summary>
    /// A grain could not read or write its state: the activation failed before doing anything, so the call can be
    /// retried. The runtime wraps the storage provider's exception in a plain <see cref="OrleansException"/>; when the
    /// database's exception is inside, that is the type to go by. Orleans has no exception type of its own for this
    /// wrapper, and the inner exception may be missing (not carried across silos), so its fixed message prefix is the
    /// fallback: the one place a message is read.
    /// </summary>
    private static bool IsStorageFailure(Exception e) =>
        e is OrleansException { InnerException: DbException }
        || e.GetType() == typeof(OrleansException) && e.Message.StartsWith("Error from storage provider", StringComparison.Ordinal);

    /// <summary>
    /// On another silo the database driver's exception may not survive the trip back: no codec for its type, and the
    /// serializer's exception names the type it could not carry in its message (its only trace of it).
    /// </summary>
    private static bool IsDriverFailureLostOnTheWire(Exception e) =>
        e is CodecNotFoundException && e.Message.Contains("Npgsql.", StringComparison.Ordinal);
}
