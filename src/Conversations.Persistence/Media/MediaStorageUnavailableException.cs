namespace Conversations.Persistence.Media;

/// <summary>
/// The place that holds files' bytes (the bucket) failed or could not be reached: a passing failure, so a fetch is
/// retried and a download answers 503, never a stack trace. The message names the bucket's error code, never a secret.
/// </summary>
public sealed class MediaStorageUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
