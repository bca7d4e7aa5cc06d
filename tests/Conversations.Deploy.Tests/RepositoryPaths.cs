namespace Conversations.Deploy.Tests;

/// <summary>Where the repository's files are, found from the test assembly's folder.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the folder with Conversations.sln.</summary>
    public static string Root => LazyRoot.Value;

    public static string Chart => Path.Combine(Root, "deploy", "helm", "conversations");

    public static string TestProject => Path.Combine(Root, "tests", "Conversations.Deploy.Tests");

    public static string Dockerfile => Path.Combine(Root, "Dockerfile");

    public static string DockerIgnore => Path.Combine(Root, ".dockerignore");

    public static string InTestProject(string name) => Path.Combine(TestProject, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conversations.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Cannot find the repository root (a folder with Conversations.sln) above {AppContext.BaseDirectory}.");
    }
}
