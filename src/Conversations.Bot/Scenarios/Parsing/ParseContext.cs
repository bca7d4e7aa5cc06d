using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Parsing;

/// <summary>What the validator collects while it reads a document: problems, and what can only be checked once
/// every step has been read (references, template roots).</summary>
internal sealed class ParseContext
{
    /// <summary>Roots every scenario may read without declaring them.</summary>
    public static readonly IReadOnlySet<string> BuiltInRoots = new HashSet<string>(StringComparer.Ordinal)
    {
        ValueRoots.Customer, ValueRoots.Config, ValueRoots.Start, ValueRoots.Event, ValueRoots.Quiz, ValueRoots.Consent, ValueRoots.Verify,
    };

    public List<ScenarioProblem> Problems { get; } = [];

    /// <summary>Step references: where, from which step, to which id.</summary>
    public List<(string Path, string FromStepId, string Target)> References { get; } = [];

    /// <summary>Values read by templates and conditions: where, and the path read.</summary>
    public List<(string Path, string ValuePath)> Reads { get; } = [];

    /// <summary>Explicit menu payloads and where each was first used: a payload must lead to one place only.</summary>
    public Dictionary<string, string> Payloads { get; } = new(StringComparer.Ordinal);

    /// <summary>Roots written by input, rating and http steps.</summary>
    public HashSet<string> DeclaredRoots { get; } = new(StringComparer.Ordinal);

    public void Problem(string path, string message) => Problems.Add(new ScenarioProblem(path, message));

    public void Read(string path, Template template)
    {
        foreach (var placeholder in template.Placeholders)
        {
            Reads.Add((path, placeholder.Path));
        }
    }
}
