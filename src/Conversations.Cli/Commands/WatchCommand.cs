using System.CommandLine;
using Conversations.Cli.Output;
using Conversations.Client.Feed;

namespace Conversations.Cli.Commands;

/// <summary><c>watch</c>: the live feed, one line per message or change, until Ctrl+C.</summary>
internal static class WatchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("watch", "Follow the tenant's conversations live (reconnects by itself; Ctrl+C stops)");
        context.Handle(command, async (parse, cancellationToken) =>
        {
            using var client = context.Connect(parse);

            // A wrong token or a server that is not there is an error now; once watching, a drop is only a reconnect.
            await client.GetMeAsync(cancellationToken);
            var options = new FeedWatchOptions
            {
                ConnectionChanged = (state, error) => context.Error.WriteLine(state == FeedConnectionState.Connected
                    ? "Connected; waiting for news (Ctrl+C stops)."
                    : $"Connection lost ({error?.Message.TrimEnd('.') ?? "closed"}); reconnecting…"),
            };
            try
            {
                await foreach (var change in client.WatchAsync(options, cancellationToken))
                {
                    var item = change.Conversation;
                    var who = $"{CliContext.ShortId(item.ConversationId)} {item.CustomerName}";
                    var now = context.Environment.Time.GetUtcNow();
                    if (change.Messages.Count == 0)
                    {
                        await context.Out.WriteLineAsync($"[{Format.When(item.LastActivityAt, now)}] {who}: {Format.Status(item)}{(item.Flagged ? " !" : "")}");
                    }

                    foreach (var message in change.Messages)
                    {
                        await context.Out.WriteLineAsync(
                            $"[{Format.When(message.CreatedAt, now)}] {who} #{message.Seq} {Format.Author(message, "customer")}: {Format.Content(message.Content)}");
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C is how watching ends: not an error.
                await context.Error.WriteLineAsync("Stopped.");
            }
        });
        return command;
    }
}
