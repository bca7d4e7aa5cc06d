using System.CommandLine;
using Conversations.Cli.Output;

namespace Conversations.Cli.Commands;

/// <summary><c>show</c>: a conversation's history.</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var conversation = ChatCommands.ConversationArgument();
        var bot = new Option<bool>("--bot") { Description = "Also the bot's messages" };
        var events = new Option<bool>("--events") { Description = "Also conversation events (handoff, taken, released...)" };
        var command = new Command("show", "Show a conversation and its messages (customer and operators; --bot and --events for more)") { conversation, bot, events };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            using var client = context.Connect(parse);
            var id = await context.ResolveConversationAsync(client, parse.GetRequiredValue(conversation), cancellationToken);
            var detail = await client.GetConversationAsync(id, cancellationToken);
            var summary = detail.Summary;
            await context.Out.WriteLineAsync(
                $"{summary.CustomerName} on {Format.Channel(summary.Channel)}: {Format.Status(summary)}; window {Format.Countdown(summary.WindowSecondsLeft)}, release {Format.Countdown(summary.AutoReleaseSecondsLeft)} ({id})");
            var now = context.Environment.Time.GetUtcNow();
            var printed = 0;
            long after = 0;
            while (true)
            {
                var page = await client.GetMessagesAsync(id, after, 500, parse.GetValue(bot), parse.GetValue(events), cancellationToken);
                foreach (var message in page)
                {
                    await context.Out.WriteLineAsync($"[{Format.When(message.CreatedAt, now)}] {Format.Author(message, summary.CustomerName)}: {Format.Content(message.Content)}");
                }

                printed += page.Count;
                if (page.Count < 500)
                {
                    break;
                }

                after = page[^1].Seq;
            }

            if (printed == 0)
            {
                await context.Out.WriteLineAsync(parse.GetValue(bot) ? "No messages yet." : "No messages from the customer or operators yet (add --bot to see the bot's).");
            }
        });
        return command;
    }
}
