namespace Conversations.Deploy.Tests;

/// <summary>How a finished process ended.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    public string Describe(string what) =>
        $"{what} exited with {ExitCode}.{Environment.NewLine}stdout:{Environment.NewLine}{Output}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
}
