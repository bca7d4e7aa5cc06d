namespace Conversations.Persistence.Media;

/// <summary>The media store refused a file for good (retrying will not help); the message says why and what the limit is.</summary>
public sealed class MediaRefusedException(MediaRefusal refusal, string message) : Exception(message)
{
    /// <summary>Which rule refused it.</summary>
    public MediaRefusal Refusal { get; } = refusal;

    /// <summary>The refusal of a file that does not fit the tenant's quota (every store words it the same).</summary>
    public static MediaRefusedException QuotaExceeded(long used, long size, long quota) => new(MediaRefusal.QuotaExceeded,
        $"The tenant's media storage is full: {used:N0} of {quota:N0} bytes are used and this file needs {size:N0} more. Delete old files or raise the quota.");
}
