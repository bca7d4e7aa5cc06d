namespace Conversations.Bot.Engine;

/// <summary>The customer shared a contact card (their phone number, usually).</summary>
public sealed record ContactSharedInput(string PhoneNumber) : BotInput;
