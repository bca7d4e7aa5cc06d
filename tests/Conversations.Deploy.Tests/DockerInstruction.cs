using System.Text.Json;

namespace Conversations.Deploy.Tests;

/// <summary>One Dockerfile instruction: its keyword (upper case), its text after the keyword, its line.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>The --name=value flags at the start of the arguments (COPY --from=build, RUN --mount=...).</summary>
    public IReadOnlyDictionary<string, string> Flags =>
        Words.TakeWhile(word => word.StartsWith("--", StringComparison.Ordinal))
            .Select(word => word[2..].Split('=', 2))
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Last().Length > 1 ? group.Last()[1] : string.Empty, StringComparer.Ordinal);

    /// <summary>The arguments after the flags, split on whitespace or read from the JSON (exec) form.</summary>
    public IReadOnlyList<string> Operands
    {
        get
        {
            var rest = Words.SkipWhile(word => word.StartsWith("--", StringComparison.Ordinal)).ToList();
            var text = string.Join(' ', rest);
            return text.StartsWith('[') ? ExecForm(text) : rest;
        }
    }

    /// <summary>The exec form (JSON array) of the arguments, e.g. ENTRYPOINT ["dotnet", "app.dll"].</summary>
    public IReadOnlyList<string> ExecForm() => ExecForm(Arguments);

    private IEnumerable<string> Words => Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string[] ExecForm(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(text) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Not a JSON array (exec form): {text}", ex);
        }
    }
}
