namespace Conversations.Deploy.Tests;

/// <summary>
/// Renders the chart like <c>helm template</c> with helmrender/main.go (Go text/template + sprig, the
/// engine Helm uses), built once per test run into a temporary folder.
/// </summary>
internal static class HelmRenderer
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(1);
    private static readonly Lazy<string> Binary = new(Build);

    /// <summary>Renders the chart with helmrender's arguments (-f, --set, --release...); fails unless it renders.</summary>
    public static string Render(params string[] arguments)
    {
        var result = TryRender(arguments);
        return result.Succeeded ? result.Output : throw new InvalidOperationException(result.Describe("helmrender " + string.Join(' ', arguments)));
    }

    /// <summary>Renders the chart and returns how that went, failures included.</summary>
    public static ProcessResult TryRender(params string[] arguments) =>
        ExternalTools.Run(Binary.Value, [.. arguments, RepositoryPaths.Chart], RenderTimeout);

    private static string Build()
    {
        var go = ExternalTools.Require("go", "golang-go");
        ExternalTools.RequireGoLibraries();

        var workDir = Path.Combine(Path.GetTempPath(), "conversations-deploy-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(workDir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        };

        var binary = Path.Combine(workDir, "helmrender");
        var environment = new Dictionary<string, string>
        {
            // GOPATH mode against Debian's Go library packages: no module downloads.
            ["GO111MODULE"] = "off",
            ["GOPATH"] = ExternalTools.DebianGoPath,
            ["GOFLAGS"] = string.Empty,
            // Shared across runs (it is only a cache), outside the repository.
            ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "conversations-deploy-tests", "go-build-cache"),
        };
        var result = ExternalTools.Run(go, ["build", "-o", binary, "./helmrender"], BuildTimeout, RepositoryPaths.TestProject, environment);
        return result.Succeeded ? binary : throw new InvalidOperationException(result.Describe("go build ./helmrender"));
    }
}
