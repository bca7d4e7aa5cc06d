namespace Conversations.Bot.Effects;

/// <summary>A step wrote <c>customer.&lt;Name&gt;</c>; store the attribute on the customer's profile.</summary>
public sealed record CustomerAttributeSet(string Name, string Value) : BotEffect;
