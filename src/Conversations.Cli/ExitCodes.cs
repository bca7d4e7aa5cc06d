namespace Conversations.Cli;

/// <summary>What the process exit code tells a script.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The server refused (not found, conflict, not allowed now...).</summary>
    public const int ApiError = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>Not signed in, the token was refused, or the account may not do this.</summary>
    public const int Auth = 3;

    /// <summary>The server could not be reached.</summary>
    public const int Unreachable = 4;

    /// <summary>Stopped by Ctrl+C (the shell's convention).</summary>
    public const int Interrupted = 130;
}
