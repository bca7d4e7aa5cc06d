namespace Conversations.Abstractions.Bot;

/// <summary>A published version of a tenant's scenario.</summary>
/// <param name="Version">1, 2, 3... per tenant.</param>
/// <param name="PublishedAt">When it went live.</param>
/// <param name="Json">The document.</param>
[GenerateSerializer, Immutable, Alias("conv.ScenarioVersion")]
public sealed record ScenarioVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset PublishedAt,
    [property: Id(2)] string Json);
