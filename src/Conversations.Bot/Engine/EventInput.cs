namespace Conversations.Bot.Engine;

/// <summary>
/// A business event for this customer (<c>order_delivered</c>): the flow restarts at the scenario's entry point for
/// <paramref name="Name"/>, where the event's <paramref name="Data"/> reads as <c>{event.&lt;field&gt;}</c>.
/// </summary>
public sealed record EventInput(string Name, IReadOnlyDictionary<string, string> Data) : BotInput;
