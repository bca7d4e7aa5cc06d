namespace Conversations.Api.Contracts.Bot;

/// <summary>One problem of a scenario document.</summary>
/// <param name="Path">Where in the document (e.g. <c>steps[2].next</c>).</param>
/// <param name="Message">What is wrong.</param>
public sealed record ScenarioProblem(string Path, string Message);
