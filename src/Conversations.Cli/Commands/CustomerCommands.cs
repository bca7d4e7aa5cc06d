using System.CommandLine;
using Conversations.Api.Contracts.Channels;
using Conversations.Api.Contracts.Customers;
using Conversations.Cli.Output;

namespace Conversations.Cli.Commands;

/// <summary><c>customer merge</c>, <c>customer unmerge</c>, <c>customer audit</c> and <c>customer import</c>.</summary>
internal static class CustomerCommands
{
    public static Command Create(CliContext context) =>
        new("customer", "Merge two customers who are one person, split identities back out, see what was done") { Merge(context), Unmerge(context), Audit(context), Import(context) };

    private static Command Import(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "A .csv file (header row: externalId, name, phones, emails, attribute columns) or a .jsonl/.ndjson file (one customer object per line)" };
        var command = new Command("import", "Import customers by external id from a CSV or JSON-lines file; a re-run changes nothing") { file };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(file);
            var mediaType = path.Extension.ToLowerInvariant() switch
            {
                ".csv" => "text/csv",
                ".jsonl" or ".ndjson" => "application/x-ndjson",
                _ => throw new CliException(ExitCodes.Usage, $"{path.Name}: name the file .csv, .jsonl or .ndjson so its format is known."),
            };
            if (!path.Exists)
            {
                throw new CliException(ExitCodes.Usage, $"No file at {path.FullName}: check the path.");
            }

            using var client = context.Connect(parse);
            await using var stream = path.OpenRead();
            var report = await client.ImportCustomersAsync(stream, mediaType, cancellationToken);
            await context.Out.WriteLineAsync(
                $"Imported {report.Rows} rows: {report.New} new, {report.Changed} changed, {report.Unchanged} unchanged, {report.Failed} refused. Customers are updated in the background.");
            foreach (var error in report.Errors)
            {
                await context.Out.WriteLineAsync($"  row {error.Row} {error.Field}: {error.Reason}");
            }

            if (report.ErrorsTruncated)
            {
                await context.Out.WriteLineAsync($"  ... {report.Failed - report.Errors.Count} more refused rows not listed.");
            }
        });
        return command;
    }

    private static Command Merge(CliContext context)
    {
        var survivor = new Argument<Guid>("survivor") { Description = "The customer that stays (an id from `search customers`)" };
        var absorbed = new Argument<Guid>("absorbed") { Description = "The customer merged into it; its id answers the survivor from then on" };
        var command = new Command("merge", "Merge a customer into another: identities, conversations, contacts, consents and attributes move") { survivor, absorbed };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            using var client = context.Connect(parse);
            var result = await client.MergeCustomersAsync(parse.GetValue(survivor), parse.GetValue(absorbed), cancellationToken);
            await context.Out.WriteLineAsync(
                $"Merged into {result.Survivor.CustomerId} ({result.Survivor.DisplayName}): {result.MovedIdentities.Count} identities, {result.MovedConversations.Count} conversations moved.");
            foreach (var identity in result.MovedIdentities)
            {
                await context.Out.WriteLineAsync($"  {Identity(identity.Kind, identity.Account, identity.ExternalUserId)}");
            }

            foreach (var conflict in result.Conflicts)
            {
                await context.Out.WriteLineAsync($"Conflict {conflict.Field}: kept '{conflict.Kept}' over '{conflict.Dropped}' ({conflict.Reason}).");
            }
        });
        return command;
    }

    private static Command Unmerge(CliContext context)
    {
        var customer = new Argument<Guid>("customer") { Description = "The customer to split identities out of" };
        var identities = new Argument<string[]>("identity")
        {
            Description = "Identities to split out, as kind:account:user (e.g. telegram:777:123456), as `customer merge` lists them",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("unmerge", "Split identities out of a customer into a new customer, with their conversations") { customer, identities };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var refs = parse.GetRequiredValue(identities).Select(ParseIdentity).ToList();
            using var client = context.Connect(parse);
            var result = await client.UnmergeCustomerAsync(parse.GetValue(customer), refs, cancellationToken);
            await context.Out.WriteLineAsync(
                $"Split out into {result.SplitOut.CustomerId} ({result.SplitOut.DisplayName}) with {result.MovedConversations.Count} conversations; {result.Remaining.Identities.Count} identities stay.");
        });
        return command;
    }

    private static Command Audit(CliContext context)
    {
        var customer = new Argument<Guid>("customer") { Description = "The customer" };
        var command = new Command("audit", "Merges and unmerges of a customer: who, when, what moved; newest first") { customer };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            using var client = context.Connect(parse);
            var entries = await client.GetCustomerAuditAsync(parse.GetValue(customer), cancellationToken: cancellationToken);
            if (entries.Count == 0)
            {
                await context.Out.WriteLineAsync("Nothing was changed by hand.");
                return;
            }

            var now = context.Environment.Time.GetUtcNow();
            foreach (var entry in entries)
            {
                await context.Out.WriteLineAsync($"[{Format.When(entry.At, now)}] {entry.Action} by {entry.ActorName}: {entry.Details.GetRawText()}");
            }
        });
        return command;
    }

    /// <summary><c>telegram:777:123456</c> as an identity; the user part may itself hold colons (an e-mail address does not, a VK peer may).</summary>
    private static CustomerIdentityRef ParseIdentity(string text)
    {
        var parts = text.Split(':', 3);
        return parts.Length == 3 && Enum.TryParse<ChannelKind>(parts[0], ignoreCase: true, out var kind) && Enum.IsDefined(kind) && parts[1].Length > 0 && parts[2].Length > 0
            ? new CustomerIdentityRef(kind, parts[1], parts[2])
            : throw new CliException(ExitCodes.Usage, $"'{text}' is not an identity: write kind:account:user, e.g. telegram:777:123456 ({string.Join(", ", Enum.GetNames<ChannelKind>()).ToLowerInvariant()}).");
    }

    private static string Identity(ChannelKind kind, string account, string user) => $"{kind.ToString().ToLowerInvariant()}:{account}:{user}";
}
