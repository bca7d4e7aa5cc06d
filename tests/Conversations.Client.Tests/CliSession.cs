using Conversations.Cli;

namespace Conversations.Client.Tests;

/// <summary>
/// Runs <c>conversations</c> command lines in-process, as one user with their own config directory (so their saved
/// login is theirs), capturing stdout and stderr.
/// </summary>
internal sealed class CliSession : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("conversations-cli-");

    public CliSession() => Variables = new() { ["XDG_CONFIG_HOME"] = Path.Combine(_home.FullName, "config"), ["HOME"] = _home.FullName };

    /// <summary>The environment variables the commands see.</summary>
    public Dictionary<string, string?> Variables { get; }

    /// <summary>The clock the commands see.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public string CredentialsPath => Path.Combine(_home.FullName, "config", "conversations", "credentials.json");

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, new ConcurrentWriter(), new ConcurrentWriter(), CancellationToken.None);

    /// <summary>Runs with writers the test reads while the command runs (for <c>watch</c>).</summary>
    public async Task<CliResult> RunAsync(string[] args, ConcurrentWriter output, ConcurrentWriter error, CancellationToken cancellationToken)
    {
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            Variable = name => Variables.GetValueOrDefault(name),
            Time = Time,
        };
        var code = await CliApp.RunAsync(args, environment, cancellationToken);
        return new CliResult(code, output.Text, error.Text);
    }

    public void Dispose() => _home.Delete(recursive: true);
}
