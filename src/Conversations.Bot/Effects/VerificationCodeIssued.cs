namespace Conversations.Bot.Effects;

/// <summary>
/// A verify step made a one-time code: the caller sends <paramref name="Text"/> (which carries the code) to
/// <paramref name="Destination"/> by e-mail or SMS. The session keeps only a salted hash of the code.
/// </summary>
/// <param name="Kind">E-mail or SMS.</param>
/// <param name="Destination">The address: a normalized e-mail address or an E.164 phone number.</param>
/// <param name="Subject">The e-mail subject (unused for SMS).</param>
/// <param name="Text">The message with the code, in the scenario's language.</param>
public sealed record VerificationCodeIssued(ContactKind Kind, string Destination, string Subject, string Text) : BotEffect
{
    /// <summary>Leaves the code out, so a logged effect never carries it.</summary>
    public override string ToString() => $"VerificationCodeIssued {{ Kind = {Kind} }}";
}
