using System.Text.RegularExpressions;

namespace Conversations.Bot.Scenarios.Parsing;

/// <summary>Orders problem paths as they appear in the document: <c>steps[2]</c> before <c>steps[10]</c>.</summary>
internal sealed partial class PathComparer : IComparer<string>
{
    public static readonly PathComparer Instance = new();

    public int Compare(string? x, string? y) =>
        string.CompareOrdinal(Pad(x ?? ""), Pad(y ?? ""));

    private static string Pad(string path) => Index().Replace(path, m => $"[{m.Groups[1].Value.PadLeft(6, '0')}]");

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Index();
}
