namespace Conversations.Deploy.Tests;

/// <summary>Runs yamllint with the rules for rendered manifests (yamllint.yaml in this project).</summary>
internal static class Yamllint
{
    public static ProcessResult Lint(string yaml)
    {
        var yamllint = ExternalTools.Require("yamllint", "yamllint");
        var file = Path.Combine(Path.GetTempPath(), $"conversations-manifests-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        try
        {
            return ExternalTools.Run(
                yamllint,
                ["--strict", "--format", "parsable", "--config-file", RepositoryPaths.InTestProject("yamllint.yaml"), file],
                TimeSpan.FromMinutes(1));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
