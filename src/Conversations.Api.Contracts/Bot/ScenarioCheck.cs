namespace Conversations.Api.Contracts.Bot;

/// <summary>A scenario document checked without publishing it.</summary>
/// <param name="Valid">True when it can be published as it is.</param>
/// <param name="Problems">Every problem with its path, in document order; empty when valid.</param>
public sealed record ScenarioCheck(bool Valid, IReadOnlyList<ScenarioProblem> Problems);
