namespace Conversations.Deploy.Tests;

/// <summary>A Dockerfile read into stages of instructions (comments dropped, continuations joined).</summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Final => Stages[^1];

    public static Dockerfile Load(string path) => Parse(File.ReadAllText(path));

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var start = i + 1;
            var joined = new List<string>();
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                joined.Add(line[..^1].Trim());
                do
                {
                    line = lines[++i].Trim();
                }
                while (line.StartsWith('#') && i + 1 < lines.Length);
            }

            joined.Add(line.TrimEnd('\\').Trim());
            var full = string.Join(' ', joined.Where(part => part.Length > 0));
            var space = full.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? full : full[..space]).ToUpperInvariant();
            instructions.Add(new DockerInstruction(keyword, space < 0 ? string.Empty : full[(space + 1)..].Trim(), start));
        }

        var stages = new List<DockerStage>();
        List<DockerInstruction>? current = null;
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Operands;
                var name = words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                current = [];
                stages.Add(new DockerStage(words[0], name, current));
            }
            else if (current is not null)
            {
                current.Add(instruction);
            }
            else if (instruction.Keyword != "ARG")
            {
                throw new InvalidOperationException($"Line {instruction.Line}: {instruction.Keyword} before the first FROM.");
            }
        }

        return new Dockerfile(stages);
    }
}
