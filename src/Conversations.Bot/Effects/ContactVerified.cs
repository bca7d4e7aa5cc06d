namespace Conversations.Bot.Effects;

/// <summary>
/// The customer typed the right code for <paramref name="Value"/>: they own it. The caller records it as a verified
/// fact of the identity they write from, which links customers like the facts channels vouch for.
/// </summary>
/// <param name="Kind">E-mail or phone.</param>
/// <param name="Value">A normalized e-mail address or an E.164 phone number.</param>
public sealed record ContactVerified(ContactKind Kind, string Value) : BotEffect;
