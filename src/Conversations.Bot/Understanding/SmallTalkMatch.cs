namespace Conversations.Bot.Understanding;

/// <summary>What <see cref="SmallTalk.Recognize"/> found in a message.</summary>
/// <param name="Intent">The social meaning of the whole message, or of its opening when a question follows.</param>
/// <param name="Question">
/// The rest of a message that opens with a greeting ("Здравствуйте, сколько стоит доставка?" → "сколько стоит
/// доставка"), for the FAQ; null when the message is small talk and nothing else.
/// </param>
public sealed record SmallTalkMatch(SmallTalkIntent Intent, string? Question)
{
    /// <summary>Not small talk.</summary>
    public static SmallTalkMatch None { get; } = new(SmallTalkIntent.None, null);

    /// <summary>True when the whole message is small talk (no question after it).</summary>
    public bool IsWholeMessage => Intent != SmallTalkIntent.None && Question is null;
}
