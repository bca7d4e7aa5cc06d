namespace Conversations.Abstractions.Bot;

/// <summary>A scenario document saved without publishing it (one per tenant); it may still have problems.</summary>
/// <param name="Json">The document as the admin wrote it.</param>
/// <param name="SavedAt">When it was last saved.</param>
[GenerateSerializer, Immutable, Alias("conv.ScenarioDraft")]
public sealed record ScenarioDraft(
    [property: Id(0)] string Json,
    [property: Id(1)] DateTimeOffset SavedAt);
