namespace Conversations.Api.Contracts.Bot;

/// <summary>The tenant's scenario draft: saved without publishing, checked as it is.</summary>
/// <param name="Json">The document as it was saved.</param>
/// <param name="SavedAt">When it was saved.</param>
/// <param name="Valid">True when it can be published (and tested) as it is.</param>
/// <param name="Problems">Every problem with its path; empty when valid.</param>
public sealed record ScenarioDraft(string Json, DateTimeOffset SavedAt, bool Valid, IReadOnlyList<ScenarioProblem> Problems);
