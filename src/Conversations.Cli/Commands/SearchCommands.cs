using System.CommandLine;
using Conversations.Cli.Output;

namespace Conversations.Cli.Commands;

/// <summary><c>search customers</c> and <c>search messages</c>.</summary>
internal static class SearchCommands
{
    public static Command Create(CliContext context) =>
        new("search", "Find customers, or words in messages") { Customers(context), Messages(context) };

    private static Command Customers(CliContext context)
    {
        var query = new Argument<string>("query") { Description = "Part of a name, username, phone or e-mail" };
        var command = new Command("customers", "Find customers by name, username, phone or e-mail") { query };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            using var client = context.Connect(parse);
            var found = await client.SearchCustomersAsync(parse.GetRequiredValue(query), cancellationToken: cancellationToken);
            if (found.Count == 0)
            {
                await context.Out.WriteLineAsync("No customer matches.");
                return;
            }

            var table = new Table("ID", "NAME", "USERNAME", "PHONES", "E-MAILS", "CHANNELS");
            foreach (var customer in found)
            {
                table.Add(customer.CustomerId.ToString(), Format.Clip(customer.DisplayName, 30), customer.Username ?? "-",
                    string.Join(", ", customer.Phones), string.Join(", ", customer.Emails), string.Join(", ", customer.Channels.Select(c => Format.Channel(c))));
            }

            await table.WriteAsync(context.Out);
        });
        return command;
    }

    private static Command Messages(CliContext context)
    {
        var query = new Argument<string>("query") { Description = "Words to find (any word form)" };
        var customer = new Option<Guid?>("--customer") { Description = "Only this customer's messages (an id from `search customers`)" };
        var command = new Command("messages", "Find words in messages, best matches first") { query, customer };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            using var client = context.Connect(parse);
            var found = await client.SearchMessagesAsync(parse.GetRequiredValue(query), parse.GetValue(customer), cancellationToken: cancellationToken);
            if (found.Count == 0)
            {
                await context.Out.WriteLineAsync("No message matches.");
                return;
            }

            var now = context.Environment.Time.GetUtcNow();
            foreach (var hit in found)
            {
                await context.Out.WriteLineAsync(
                    $"[{Format.When(hit.Message.CreatedAt, now)}] {CliContext.ShortId(hit.Message.ConversationId)} #{hit.Message.Seq} {hit.Message.Direction.ToString().ToLowerInvariant()}: {Format.Clip(hit.Highlight, 100)}");
            }
        });
        return command;
    }
}
