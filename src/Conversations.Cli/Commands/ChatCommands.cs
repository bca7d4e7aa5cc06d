using System.CommandLine;
using Conversations.Api.Contracts.Conversations;
using Conversations.Cli.Output;
using Conversations.Client;

namespace Conversations.Cli.Commands;

/// <summary>The live-chat actions on one conversation: <c>take</c>, <c>reply</c>, <c>release</c>, <c>close</c>.</summary>
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

    public static Command Reply(CliContext context)
    {
        var conversation = ConversationArgument();
        var text = new Argument<string[]>("text") { Description = "What to write (the words are joined by spaces); with --file, the caption", Arity = ArgumentArity.ZeroOrMore };
        var file = new Option<FileInfo?>("--file") { Description = "Send this file (an image goes as a photo, anything else as a document)" };
        var command = new Command("reply", "Reply with text or a file (take the chat first)") { conversation, text, file };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var words = string.Join(' ', parse.GetValue(text) ?? []);
            var path = parse.GetValue(file);
            if (path is null && words.Length == 0)
            {
                throw new CliException(ExitCodes.Usage, "Nothing to send: write the text after the conversation id, or give --file PATH.");
            }

            if (path is { Exists: false })
            {
                throw new CliException(ExitCodes.Usage, $"No file at {path.FullName}: check the path.");
            }

            using var client = context.Connect(parse);
            var id = await context.ResolveConversationAsync(client, parse.GetRequiredValue(conversation), cancellationToken);
            IReadOnlyList<Api.Contracts.Messages.ApiMessage> sent;
            if (path is not null)
            {
                await using var stream = path.OpenRead();
                var stored = await client.UploadAsync(stream, path.Name, cancellationToken);
                sent = await client.SendFileAsync(id, stored.MediaId, words.Length > 0 ? words : null, cancellationToken);
            }
            else
            {
                sent = await client.SendTextAsync(id, words, cancellationToken);
            }

            await context.Out.WriteLineAsync($"Sent (message #{sent[^1].Seq}).");
        });
        return command;
    }

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
