using System.Text;

namespace Conversations.Cli;

/// <summary>
/// What the commands take from the outside world: output streams, environment variables, the password prompt and
/// how HTTP clients are made. The process has one; tests make their own to run commands in-process.
/// </summary>
internal sealed class CliEnvironment
{
    /// <summary>Standard output.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: every error goes here, as one line.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public required Func<string, string?> Variable { get; init; }

    /// <summary>Asks for a secret without echoing it; null when there is no terminal to ask on.</summary>
    public Func<string, string?> ReadSecret { get; init; } = _ => null;

    /// <summary>Whether Ctrl+C (and SIGTERM) should cancel the running command; off in tests, which cancel by token.</summary>
    public bool HandlesTermination { get; init; }

    /// <summary>Makes the HTTP client for a server.</summary>
    public Func<Uri, HttpClient> CreateHttpClient { get; init; } = server => new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The clock (token expiry).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The real console and process environment.</summary>
    public static CliEnvironment ForProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        Variable = Environment.GetEnvironmentVariable,
        ReadSecret = PromptWithoutEcho,
        HandlesTermination = true,
    };

    private static string? PromptWithoutEcho(string prompt)
    {
        if (Console.IsInputRedirected || Console.IsErrorRedirected)
        {
            return null;
        }

        Console.Error.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return secret.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
    }
}
