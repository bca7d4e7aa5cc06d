namespace Conversations.Abstractions.Outbound;

/// <summary>Something that happened to a customer in the business's systems (<c>order_delivered</c>), which starts a flow.</summary>
/// <param name="Name">The event's name: the scenario's entry point bound to it runs.</param>
/// <param name="Data">Fields the flow's texts read as <c>{event.&lt;field&gt;}</c>.</param>
[GenerateSerializer, Immutable, Alias("conv.BusinessEvent")]
public sealed record BusinessEvent(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyDictionary<string, string> Data);
