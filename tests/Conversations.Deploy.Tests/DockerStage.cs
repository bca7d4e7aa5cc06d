namespace Conversations.Deploy.Tests;

/// <summary>A build stage: FROM image [AS name] and the instructions up to the next FROM.</summary>
internal sealed record DockerStage(string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public DockerInstruction? Last(string keyword) => All(keyword).LastOrDefault();

    /// <summary>The working directory in effect at an instruction (absolute WORKDIRs only).</summary>
    public string WorkdirAt(DockerInstruction instruction) =>
        Instructions.TakeWhile(i => i != instruction).LastOrDefault(i => i.Keyword == "WORKDIR")?.Arguments.Trim() ?? "/";
}
