using System.Diagnostics;

namespace Conversations.Deploy.Tests;

/// <summary>
/// The Debian tools these tests run: Go with sprig and sigs.k8s.io/yaml (to build the chart renderer)
/// and yamllint. A missing tool fails the test with what to install; scripts/test.sh installs them.
/// </summary>
internal static class ExternalTools
{
    /// <summary>The Debian packages the deployment tests need.</summary>
    public const string DebianPackages = "golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev yamllint prometheus";

    /// <summary>Where Debian's Go library packages install their sources (GOPATH mode).</summary>
    public const string DebianGoPath = "/usr/share/gocode";

    private static readonly string InstallHint =
        $"Run scripts/test.sh, which installs the deployment tests' tools, or install them yourself: apt-get install -y {DebianPackages}";

    /// <summary>Full path of a program on PATH, or a failure that says which package to install.</summary>
    public static string Require(string program, string debianPackage)
    {
        var path = Find(program);
        return path ?? throw new InvalidOperationException(
            $"'{program}' is not installed (Debian package {debianPackage}); the deployment tests need it. {InstallHint}");
    }

    /// <summary>Fails unless Debian's Go library packages the renderer imports are installed.</summary>
    public static void RequireGoLibraries()
    {
        (string Dir, string Package)[] libraries =
        [
            ("github.com/Masterminds/sprig", "golang-github-masterminds-sprig-dev"),
            ("sigs.k8s.io/yaml", "golang-k8s-sigs-yaml-dev"),
        ];
        foreach (var (dir, package) in libraries)
        {
            if (!Directory.Exists(Path.Combine(DebianGoPath, "src", dir)))
            {
                throw new InvalidOperationException(
                    $"The Go library {dir} is not installed (Debian package {package}); the chart renderer needs it. {InstallHint}");
            }
        }
    }

    public static string? Find(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs a program to its end (or kills it after the timeout) and captures its output.</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
