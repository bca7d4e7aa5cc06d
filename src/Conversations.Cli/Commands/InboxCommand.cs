using System.CommandLine;
using Conversations.Api.Contracts.Channels;
using Conversations.Cli.Output;
using Conversations.Client;

namespace Conversations.Cli.Commands;

/// <summary><c>inbox</c>: the conversations of the last 24 hours, waiting customers first.</summary>
internal static class InboxCommand
{
    public static Command Create(CliContext context)
    {
        var filter = new Option<string>("--filter") { Description = "Which conversations", DefaultValueFactory = _ => "all" };
        filter.AcceptOnlyFromAmong([.. Enum.GetNames<InboxFilter>().Select(n => n.ToLowerInvariant())]);
        var all = new Option<bool>("--all") { Description = "Also conversations older than 24 hours" };
        var limit = new Option<int>("--limit") { Description = "How many (1 to 200)", DefaultValueFactory = _ => 50 };
        var channel = new Option<string?>("--channel") { Description = "Only this channel" };
        channel.AcceptOnlyFromAmong([.. Enum.GetValues<ChannelKind>().Where(c => c < ChannelKind.NotificationEmail).Select(c => c.ToString().ToLowerInvariant())]);
        var cursor = new Option<string?>("--cursor") { Description = "Continue after the page that printed it" };
        var label = new Option<string?>("--label") { Description = "Only conversations with this label" };
        var command = new Command("inbox", "List conversations: flag (! = waiting for an operator), customer, channel, status, last message, countdowns")
        {
            filter, all, limit, channel, cursor, label,
        };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            using var client = context.Connect(parse);
            var page = await client.GetInboxAsync(Enum.Parse<InboxFilter>(parse.GetRequiredValue(filter), ignoreCase: true),
                parse.GetValue(channel) is { } kind ? Enum.Parse<ChannelKind>(kind, ignoreCase: true) : null, parse.GetValue(all), parse.GetValue(cursor),
                parse.GetValue(limit), parse.GetValue(label), cancellationToken);
            if (page.Items.Count == 0)
            {
                await context.Out.WriteLineAsync("No conversations.");
                return;
            }

            var table = new Table("", "ID", "CUSTOMER", "CHANNEL", "STATUS", "LAST MESSAGE", "WINDOW", "RELEASE", "LABELS");
            foreach (var item in page.Items)
            {
                table.Add(item.Flagged ? "!" : "", CliContext.ShortId(item.ConversationId), Format.Clip(item.CustomerName, 24), Format.Channel(item.Channel),
                    Format.Status(item), Format.Clip(item.LastMessagePreview, 40), Format.Countdown(item.WindowSecondsLeft), Format.Countdown(item.AutoReleaseSecondsLeft),
                    Format.Clip(string.Join(", ", item.Labels ?? []), 30));
            }

            await table.WriteAsync(context.Out);
            if (page.NextCursor is { } next)
            {
                await context.Out.WriteLineAsync($"More: conversations inbox --cursor {next}");
            }
        });
        return command;
    }
}
