using System.CommandLine;
using System.CommandLine.Parsing;
using Conversations.Cli.Commands;

namespace Conversations.Cli;

/// <summary>The <c>conversations</c> command line: its commands, and how a run maps to an exit code.</summary>
internal static class CliApp
{
    /// <summary>Runs one command line; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(environment);
        var root = new RootCommand("conversations: the operator's command line for Conversations (live chat with customers in messengers)")
        {
            context.ServerOption,
            context.TokenOption,
            AuthCommands.Login(context),
            AuthCommands.Logout(context),
            InboxCommand.Create(context),
            WatchCommand.Create(context),
            ShowCommand.Create(context),
            ChatCommands.Take(context),
            ChatCommands.Reply(context),
            CannedCommand.Create(context),
            ChatCommands.Release(context),
            ChatCommands.Close(context),
            ChatCommands.Transfer(context),
            ChatCommands.Remind(context),
            ChatCommands.Note(context),
            ChatCommands.Label(context),
            SearchCommands.Create(context),
            CustomerCommands.Create(context),
            AuthCommands.Presence(context),
            PlatformCommands.Create(context),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            await environment.Error.WriteLineAsync($"Usage error: {UsageErrors.Explain(parseResult)} See `{CommandPath(parseResult)} --help`.");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = environment.HandlesTermination ? TimeSpan.FromSeconds(3) : null,
        }, cancellationToken);
    }

    /// <summary>"conversations search messages" for the command the user was typing.</summary>
    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names.Prepend("conversations"));
    }
}
