namespace Conversations.Bot.Effects;

/// <summary>A kind of contact detail the bot collects.</summary>
public enum ContactKind
{
    /// <summary>A phone number, normalised to digits with a leading <c>+</c> when the country is known.</summary>
    Phone = 1,

    /// <summary>An e-mail address.</summary>
    Email = 2,
}
