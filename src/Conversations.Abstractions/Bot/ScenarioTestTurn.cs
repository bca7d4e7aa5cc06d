namespace Conversations.Abstractions.Bot;

/// <summary>
/// What an admin, playing the customer, does in the draft's test chat: types <paramref name="Text"/> or presses a
/// button carrying <paramref name="Payload"/> (neither: the chat starts). The test chat's state travels with each turn
/// (nothing of it is stored).
/// </summary>
/// <param name="Text">What the admin typed.</param>
/// <param name="Payload">The payload of the button the admin pressed.</param>
/// <param name="SessionJson">The bot's session from the previous turn's answer (null at the start).</param>
/// <param name="UnderstandingJson">The bot's memory from the previous turn's answer (null at the start).</param>
[GenerateSerializer, Immutable, Alias("conv.ScenarioTestTurn")]
public sealed record ScenarioTestTurn(
    [property: Id(0)] string? Text,
    [property: Id(1)] string? Payload,
    [property: Id(2)] string? SessionJson,
    [property: Id(3)] string? UnderstandingJson);
