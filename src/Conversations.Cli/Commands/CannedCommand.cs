using System.CommandLine;
using Conversations.Cli.Output;

namespace Conversations.Cli.Commands;

/// <summary><c>canned</c>: list the ready-made replies, or send one by shortcut.</summary>
internal static class CannedCommand
{
    public static Command Create(CliContext context)
    {
        var conversation = new Argument<string?>("conversation") { Description = "Where to send it (leave out to list them)", Arity = ArgumentArity.ZeroOrOne };
        var shortcut = new Argument<string?>("shortcut") { Description = "The canned reply's shortcut", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("canned", "List canned replies with their usage, or send one: canned <conversation> <shortcut>") { conversation, shortcut };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(conversation);
            var chosen = parse.GetValue(shortcut);
            if (target is not null && chosen is null)
            {
                throw new CliException(ExitCodes.Usage, "Give the shortcut too: `conversations canned <conversation> <shortcut>`; `conversations canned` lists them.");
            }

            using var client = context.Connect(parse);
            if (target is null)
            {
                var replies = await client.GetCannedRepliesAsync(cancellationToken);
                if (replies.Count == 0)
                {
                    await context.Out.WriteLineAsync("No canned replies yet: an admin adds them.");
                    return;
                }

                var table = new Table("SHORTCUT", "TITLE", "USED", "SENDS");
                foreach (var reply in replies.OrderByDescending(r => r.UsageCount))
                {
                    table.Add(reply.Shortcut, Format.Clip(reply.Title, 30), $"{reply.UsageCount}×",
                        Format.Clip(string.Join(" | ", reply.Contents.Select(Format.Content)), 50));
                }

                await table.WriteAsync(context.Out);
                return;
            }

            var id = await context.ResolveConversationAsync(client, target, cancellationToken);
            var sent = await client.SendCannedAsync(id, chosen!, cancellationToken);
            await context.Out.WriteLineAsync($"Sent '{chosen}' ({sent.Count} message{(sent.Count == 1 ? "" : "s")}).");
        });
        return command;
    }
}
