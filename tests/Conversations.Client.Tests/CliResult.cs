namespace Conversations.Client.Tests;

/// <summary>What a command line did.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error);
