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
        var text = new Argument<string[]>("text") { Description = "What to write (the words are joined by spaces)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("reply", "Reply with text (take the chat first)") { conversation, text };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            using var client = context.Connect(parse);
            var id = await context.ResolveConversationAsync(client, parse.GetRequiredValue(conversation), cancellationToken);
            var sent = await client.SendTextAsync(id, string.Join(' ', parse.GetRequiredValue(text)), cancellationToken);
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
