namespace Conversations.Bot.Engine;

/// <summary>
/// A turn run without outside calls reached an http step: the caller runs the turn again where it may wait for the
/// business's system (the conversation grain does it outside its own turn, so a slow CRM holds up no message).
/// </summary>
public sealed class OutsideCallRequiredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutsideCallRequiredException()
        : base("The turn reached an http step.")
    {
    }

    /// <summary>Creates the exception for the http step <paramref name="stepId"/>.</summary>
    public OutsideCallRequiredException(string stepId)
        : base($"The turn reached the http step '{stepId}'.")
    {
        StepId = stepId;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public OutsideCallRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The http step the turn reached.</summary>
    public string? StepId { get; }
}
