namespace Conversations.Cli;

/// <summary>A failure the CLI explains itself: <see cref="Exception.Message"/> is the one line shown, with the fix.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>The process exit code (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;
}
