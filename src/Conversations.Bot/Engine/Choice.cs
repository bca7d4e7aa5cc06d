namespace Conversations.Bot.Engine;

/// <summary>One option the customer can pick: pressed as a button with <paramref name="Payload"/>, or typed.</summary>
internal sealed record Choice(string Label, string Payload);
