namespace Conversations.Persistence.Media;

/// <summary>The media store refused a file for good (retrying will not help); the message says why and what the limit is.</summary>
public sealed class MediaRefusedException(MediaRefusal refusal, string message) : Exception(message)
{
    /// <summary>Which rule refused it.</summary>
    public MediaRefusal Refusal { get; } = refusal;
}
