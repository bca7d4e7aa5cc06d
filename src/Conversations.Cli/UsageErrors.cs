using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Conversations.Cli;

/// <summary>
/// The parser's complaint in a user's words: a mistyped command is named with the nearest one, and the .NET type a
/// value failed to parse as (<c>System.Nullable`1[System.Guid]</c>) becomes what to type (an id).
/// </summary>
internal static partial class UsageErrors
{
    /// <summary>One line saying what is wrong with the command line.</summary>
    public static string Explain(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var unmatched = parseResult.UnmatchedTokens.Count > 0 ? parseResult.UnmatchedTokens[0] : null;
        var subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        if (unmatched is not null && subcommands.Count > 0 && !parseResult.CommandResult.Children.Any())
        {
            var nearest = subcommands.OrderBy(name => Distance(name, unmatched)).First();
            return Distance(nearest, unmatched) <= Math.Max(2, unmatched.Length / 3)
                ? $"'{unmatched}' is not a command; did you mean `{Path(parseResult)} {nearest}`?"
                : $"'{unmatched}' is not a command: use one of {string.Join(", ", subcommands)}.";
        }

        var error = parseResult.Errors.FirstOrDefault(e => e.Message.StartsWith("Cannot parse", StringComparison.Ordinal)) ?? parseResult.Errors[0];
        if (error.Message.StartsWith("Required command was not provided", StringComparison.Ordinal) && subcommands.Count > 0)
        {
            return $"`{Path(parseResult)}` needs a command: one of {string.Join(", ", subcommands)}.";
        }

        return OneLine(TypeName().Replace(error.Message, match => Friendly(match.Groups["type"].Value)));
    }

    private static string Friendly(string type) => type switch
    {
        _ when type.Contains("System.Guid", StringComparison.Ordinal) => "an id (like 0193f1c2-7d4e-7a55-9b1e-2f3a4b5c6d7e)",
        _ when type.Contains("System.Int", StringComparison.Ordinal) => "a whole number",
        _ when type.Contains("System.Uri", StringComparison.Ordinal) => "an address (https://…)",
        _ when type.Contains("System.DateTime", StringComparison.Ordinal) => "a date and time (2026-12-31T18:00:00+03:00)",
        _ when type.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
        _ => "a value of the right kind",
    };

    private static string Path(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names.Prepend("conversations"));
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"'?(?<type>System\.[A-Za-z0-9_.`]+(\[[^\]]*\])?)'?")]
    private static partial Regex TypeName();
}
