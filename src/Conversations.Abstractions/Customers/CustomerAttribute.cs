namespace Conversations.Abstractions.Customers;

/// <summary>A typed customer attribute value.</summary>
/// <param name="Value">The value in its invariant text form (<c>42.5</c>, <c>true</c>, <c>gold</c>): what templates and conditions read.</param>
/// <param name="Type">What the value is.</param>
[GenerateSerializer, Immutable, Alias("conv.CustomerAttribute")]
public sealed record CustomerAttribute(
    [property: Id(0)] string Value,
    [property: Id(1)] CustomerAttributeType Type);
