namespace Conversations.Bot.Scenarios;

/// <summary>One thing wrong with a scenario document.</summary>
/// <param name="Path">Where: <c>steps[3].next</c>, <c>start</c>, or <c>$</c> for the document itself.</param>
/// <param name="Message">What is wrong, e.g. <c>unknown step 'x'</c>.</param>
public sealed record ScenarioProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
