namespace Conversations.Api.Contracts.Bot;

/// <summary>A published version of a tenant's scenario.</summary>
/// <param name="Version">1, 2, 3... per tenant.</param>
/// <param name="PublishedAt">When it went live.</param>
/// <param name="Json">The document.</param>
public sealed record ScenarioVersion(
    int Version,
    DateTimeOffset PublishedAt,
    string Json);
