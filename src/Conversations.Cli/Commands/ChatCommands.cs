using System.CommandLine;
using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Contracts.Messages;
using Conversations.Cli.Output;
using Conversations.Client;

namespace Conversations.Cli.Commands;

/// <summary>The live-chat actions on one conversation: <c>take</c>, <c>reply</c>, <c>release</c>, <c>transfer</c>, <c>remind</c>, <c>note</c>, <c>close</c>.</summary>
internal static class ChatCommands
{
    public static Command Take(CliContext context) => Action(context, "take", "Take the chat: live chat on, the bot goes silent",
        (client, id, ct) => client.TakeAsync(id, ct),
        item => $"You have the chat with {item.CustomerName}; it goes back to the bot in {Format.Countdown(item.AutoReleaseSecondsLeft)} without a reply from you.");

    public static Command Release(CliContext context) => Action(context, "release", "Hand the chat back to the bot",
        (client, id, ct) => client.ReleaseAsync(id, ct),
        item => $"The bot answers {item.CustomerName} again.");

    public static Command Close(CliContext context) => Action(context, "close", "Close the conversation (the customer's next message opens a new one)",
        (client, id, ct) => client.CloseAsync(id, ct),
        item => $"Closed the conversation with {item.CustomerName}.");

    public static Command Remind(CliContext context) => Action(context, "remind", "Remind a silent customer that an answer is awaited (your chat)",
        (client, id, ct) => client.RemindAsync(id, ct),
        item => $"Reminded {item.CustomerName}; the chat stays yours for {Format.Countdown(item.AutoReleaseSecondsLeft)}.");

    public static Command Reply(CliContext context)
    {
        var conversation = ConversationArgument();
        var text = new Argument<string[]>("text")
        {
            Description = "What to write (the words are joined by spaces); with --file or --image its caption, with --link the text above the link",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var file = new Option<FileInfo?>("--file") { Description = "Send this file (an image goes as a photo, anything else as a document)" };
        var image = new Option<string?>("--image") { Description = "Send the image at this http(s) address" };
        var link = new Option<string?>("--link") { Description = "Send a link button to this http(s) address" };
        var title = new Option<string?>("--title") { Description = "With --link: the button's title (default: the address)" };
        var canned = new Option<string?>("--canned") { Description = "Send the canned reply with this shortcut (`conversations canned` lists them)" };
        var botStep = new Option<string?>("--bot-step") { Description = "Send this step of the bot's scenario, as the bot would" };
        var channel = new Option<string?>("--channel")
        {
            Description = "Send on this channel of the customer (telegram, whatsapp, vk, viber, messenger, instagram, widget, email) instead of the one they last wrote from",
        };
        var command = new Command("reply", "Reply with text, a file, an image, a link, a canned reply or a part of the bot (take the chat first)")
        {
            conversation, text, file, image, link, title, canned, botStep, channel,
        };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var given = parse.GetValue(text) ?? [];
            // A mistyped option would otherwise be sent to the customer as words: refuse anything that looks like one.
            if (given.FirstOrDefault(w => w.StartsWith("--", StringComparison.Ordinal) && w.Length > 2) is { } unknown)
            {
                throw new CliException(ExitCodes.Usage,
                    $"'{unknown}' is not an option of `conversations reply` (it has --file, --image, --link with --title, --canned, --bot-step, --channel): nothing was sent. See `conversations reply --help`.");
            }

            var words = string.Join(' ', given);
            var path = parse.GetValue(file);
            var imageUrl = WebAddress("--image", parse.GetValue(image));
            var linkUrl = WebAddress("--link", parse.GetValue(link));
            var shortcut = parse.GetValue(canned);
            var step = parse.GetValue(botStep);
            var on = ReplyChannel.Parse(parse.GetValue(channel));
            var kinds = new object?[] { path, imageUrl, linkUrl, shortcut, step }.Count(k => k is not null);
            if (kinds > 1)
            {
                throw new CliException(ExitCodes.Usage, "Give one of --file, --image, --link, --canned, --bot-step per reply.");
            }

            if (kinds == 0 && words.Length == 0)
            {
                throw new CliException(ExitCodes.Usage, "Nothing to send: write the text after the conversation id, or give --file PATH, --image URL, --link URL, --canned SHORTCUT or --bot-step STEP.");
            }

            if ((shortcut is not null || step is not null) && words.Length > 0)
            {
                throw new CliException(ExitCodes.Usage, $"{(shortcut is not null ? "--canned" : "--bot-step")} sends its own words: drop the text '{words}', or send it as a reply of its own.");
            }

            if (parse.GetValue(title) is not null && linkUrl is null)
            {
                throw new CliException(ExitCodes.Usage, "--title goes with --link URL.");
            }

            if (path is { Exists: false })
            {
                throw new CliException(ExitCodes.Usage, $"No file at {path.FullName}: check the path.");
            }

            using var client = context.Connect(parse);
            var id = await context.ResolveConversationAsync(client, parse.GetRequiredValue(conversation), cancellationToken);
            var caption = words.Length > 0 ? words : null;
            SendMessageRequest request;
            if (path is not null)
            {
                await using var stream = path.OpenRead();
                var stored = await client.UploadAsync(stream, path.Name, cancellationToken);
                request = new SendMessageRequest(MediaId: stored.MediaId, Caption: caption);
            }
            else
            {
                request = imageUrl is not null ? new SendMessageRequest(ImageUrl: imageUrl.ToString(), Caption: caption)
                    : linkUrl is not null ? new SendMessageRequest(LinkUrl: linkUrl.ToString(), LinkTitle: parse.GetValue(title) ?? linkUrl.ToString(), Caption: caption)
                    : shortcut is not null ? new SendMessageRequest(CannedShortcut: shortcut)
                    : step is not null ? new SendMessageRequest(BotStep: step)
                    : new SendMessageRequest(Text: words);
            }

            IReadOnlyList<Api.Contracts.Messages.ApiMessage> sent;
            try
            {
                sent = await client.SendMessageAsync(id, request with { Channel = on }, cancellationToken);
            }
            catch (ConversationsApiException refused) when (on is { } kind && refused.Rule is { } rule)
            {
                throw await ReplyChannel.RefusedAsync(client, id, kind, rule, refused.Detail, cancellationToken);
            }

            await context.Out.WriteLineAsync(sent.Count == 1 ? $"Sent (message #{sent[^1].Seq})." : $"Sent {sent.Count} messages (#{sent[0].Seq}–#{sent[^1].Seq}).");
        });
        return command;
    }

    public static Command Transfer(CliContext context)
    {
        var conversation = ConversationArgument();
        var colleague = new Argument<string?>("colleague") { Description = "The colleague: their username, display name or id", Arity = ArgumentArity.ZeroOrOne };
        var group = new Option<string?>("--group") { Description = "Pass it to a group of colleagues instead (it waits in the queue for a member)" };
        var note = new Option<string?>("--note") { Description = "A private note for the colleague (never sent to the customer)" };
        var command = new Command("transfer", "Pass your chat to a colleague or a group, with an optional private note") { conversation, colleague, group, note };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(colleague)?.Trim();
            var toGroup = parse.GetValue(group)?.Trim();
            if ((wanted is null) == (toGroup is null))
            {
                throw new CliException(ExitCodes.Usage, "Name a colleague (transfer ID olga) or a group (transfer ID --group billing), one of the two.");
            }

            using var client = context.Connect(parse);
            var id = await context.ResolveConversationAsync(client, parse.GetRequiredValue(conversation), cancellationToken);
            if (toGroup is not null)
            {
                var waiting = await client.TransferToGroupAsync(id, toGroup, parse.GetValue(note), cancellationToken);
                await context.Out.WriteLineAsync($"{waiting.CustomerName} waits for the group '{toGroup.ToLowerInvariant()}' now.");
                return;
            }

            var colleagues = await client.GetColleaguesAsync(cancellationToken);
            var matches = colleagues.Where(c => string.Equals(c.OperatorId.ToString(), wanted, StringComparison.OrdinalIgnoreCase)
                || string.Equals(c.Username, wanted, StringComparison.OrdinalIgnoreCase)
                || string.Equals(c.DisplayName, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            var to = matches switch
            {
                [var only] => only,
                [] => throw new CliException(ExitCodes.Usage,
                    $"No colleague '{wanted}': give a username, display name or id of one of: {string.Join(", ", colleagues.Select(c => c.Username))}."),
                _ => throw new CliException(ExitCodes.Usage, $"'{wanted}' names {matches.Count} colleagues: give the username or id."),
            };
            var item = await client.TransferAsync(id, to.OperatorId, parse.GetValue(note), cancellationToken);
            await context.Out.WriteLineAsync($"{to.DisplayName} ({to.Presence.ToString().ToLowerInvariant()}) has the chat with {item.CustomerName} now.");
        });
        return command;
    }

    public static Command Note(CliContext context)
    {
        var conversation = ConversationArgument();
        var text = new Argument<string[]>("text") { Description = "The note (the words are joined by spaces)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("note", "Write a private note in a conversation: colleagues see it, the customer never does") { conversation, text };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            using var client = context.Connect(parse);
            var id = await context.ResolveConversationAsync(client, parse.GetRequiredValue(conversation), cancellationToken);
            var note = await client.AddNoteAsync(id, string.Join(' ', parse.GetValue(text) ?? []), cancellationToken);
            await context.Out.WriteLineAsync($"Noted (message #{note.Seq}, for operators only).");
        });
        return command;
    }

    public static Command Label(CliContext context)
    {
        var conversation = ConversationArgument();
        var add = new Argument<string[]>("labels") { Description = "Labels to add (quote one with spaces)", Arity = ArgumentArity.ZeroOrMore };
        var remove = new Option<string[]>("--remove") { Description = "A label to take off (repeat for several)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("label", "Show a conversation's labels, add some (label ID refund vip) or take them off (--remove vip)") { conversation, add, remove };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            using var client = context.Connect(parse);
            var id = await context.ResolveConversationAsync(client, parse.GetRequiredValue(conversation), cancellationToken);
            var had = (await client.GetConversationAsync(id, cancellationToken)).Summary.Labels ?? [];
            var adding = (parse.GetValue(add) ?? []).Select(Normal).Where(l => l.Length > 0).ToList();
            var removing = (parse.GetValue(remove) ?? []).Select(Normal).ToHashSet(StringComparer.Ordinal);
            var unknown = removing.Where(l => !had.Contains(l, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                throw new CliException(ExitCodes.Usage, had.Count == 0
                    ? "--remove: the conversation has no labels."
                    : $"--remove: the conversation has no label {string.Join(", ", unknown.Select(l => $"'{l}'"))}; it has {string.Join(", ", had)}.");
            }

            var labels = had.Where(l => !removing.Contains(l)).Concat(adding).Distinct(StringComparer.Ordinal).ToList();
            var now = adding.Count == 0 && removing.Count == 0 ? had : (await client.SetLabelsAsync(id, labels, cancellationToken)).Labels ?? [];
            await context.Out.WriteLineAsync(now.Count == 0 ? "No labels." : $"Labels: {string.Join(", ", now)}");
        });
        return command;

        static string Normal(string label) => string.Join(' ', label.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
    }

    /// <summary>An http(s) address given to <paramref name="option"/>, or null when the option was not given.</summary>
    private static Uri? WebAddress(string option, string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url
        : throw new CliException(ExitCodes.Usage, $"{option}: '{text}' is not an http(s) address (https://…).");

    /// <summary>The conversation argument: a full id or a unique prefix of 8+ characters.</summary>
    public static Argument<string> ConversationArgument() =>
        new("conversation") { Description = "The conversation's id, or its last 8 characters as `inbox` shows them" };

    private static Command Action(CliContext context, string name, string description,
        Func<ConversationsClient, Guid, CancellationToken, Task<InboxItem>> act, Func<InboxItem, string> done)
    {
        var conversation = ConversationArgument();
        var command = new Command(name, description) { conversation };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            using var client = context.Connect(parse);
            var id = await context.ResolveConversationAsync(client, parse.GetRequiredValue(conversation), cancellationToken);
            await context.Out.WriteLineAsync(done(await act(client, id, cancellationToken)));
        });
        return command;
    }
}
