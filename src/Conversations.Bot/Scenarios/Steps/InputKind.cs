namespace Conversations.Bot.Scenarios.Steps;

/// <summary>What an input step accepts.</summary>
internal enum InputKind
{
    /// <summary>Any text (optionally matching a pattern and a length range).</summary>
    Text,

    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A phone number (typed, or shared as a contact).</summary>
    Phone,
}
