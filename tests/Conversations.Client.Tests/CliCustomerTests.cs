using Conversations.Testing;

namespace Conversations.Client.Tests;

/// <summary>An operator merges two customers from the command line, reads the audit trail and splits an identity back out.</summary>
[Collection(HostCollection.Name)]
public sealed class CliCustomerTests(HostFixture host) : IDisposable
{
    private readonly CliSession _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Customer_merge_audit_and_unmerge_work_from_the_command_line()
    {
        var login = await _cli.RunAsync("login", "--server", host.BaseAddress.ToString().TrimEnd('/'), "--tenant", "demo", "--username", "demo", "--password", HostFixture.AdminPassword);
        Assert.True(login.ExitCode == 0, login.Error);
        using var client = await host.SignInAsync();
        var survivor = await CustomerAsync(client, "Здравствуйте");
        var absorbed = await CustomerAsync(client, "Это я же, с другого устройства");

        var identity = (await client.GetCustomerAsync(absorbed)).Profile.Identities.Single().Key;

        var merge = await _cli.RunAsync("customer", "merge", survivor.ToString(), absorbed.ToString());
        var audit = await _cli.RunAsync("customer", "audit", survivor.ToString());
        var unmerge = await _cli.RunAsync("customer", "unmerge", survivor.ToString(), $"{identity.Kind.ToString().ToLowerInvariant()}:{identity.Account}:{identity.ExternalUserId}");
        var typo = await _cli.RunAsync("customer", "unmerge", survivor.ToString(), "telegram-123");

        Assert.True(merge.ExitCode == 0, merge.Error);
        Assert.Contains($"Merged into {survivor}", merge.Out, StringComparison.Ordinal);
        Assert.Contains("1 identities, 1 conversations moved", merge.Out, StringComparison.Ordinal);
        Assert.True(audit.ExitCode == 0, audit.Error);
        Assert.Contains("merged by", audit.Out, StringComparison.Ordinal);
        Assert.True(unmerge.ExitCode == 0, unmerge.Error);
        Assert.Contains("with 1 conversations; 1 identities stay", unmerge.Out, StringComparison.Ordinal);
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("kind:account:user", typo.Error, StringComparison.Ordinal);
        Assert.Single((await client.GetCustomerAsync(survivor)).Profile.Identities);
    }

    [Fact]
    public async Task Reply_on_a_channel_goes_there_and_a_refusal_names_the_rule_the_fix_and_the_customers_channels()
    {
        var login = await _cli.RunAsync("login", "--server", host.BaseAddress.ToString().TrimEnd('/'), "--tenant", "demo", "--username", "demo", "--password", HostFixture.AdminPassword);
        Assert.True(login.ExitCode == 0, login.Error);
        using var client = await host.SignInAsync();
        using var visitor = await host.NewVisitorAsync();
        var conversation = (await visitor.WriteAsync("Можно ответить в Telegram?")).ToString();
        Assert.True((await _cli.RunAsync("take", conversation)).ExitCode == 0);

        var refused = await _cli.RunAsync("reply", conversation, "--channel", "Telegram", "Пишу", "в", "Telegram");
        var unknown = await _cli.RunAsync("reply", conversation, "--channel", "sms", "Пишу");
        var onWidget = await _cli.RunAsync("reply", conversation, "--channel", "widget", "Отвечаю", "на", "сайте");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Not sent on telegram (customer.no_identity)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("reply without --channel", refused.Error, StringComparison.Ordinal);
        Assert.Contains("The customer can be reached on: widget.", refused.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--channel sms: not a customer channel; use one of telegram, whatsapp", unknown.Error, StringComparison.Ordinal);
        Assert.True(onWidget.ExitCode == 0, onWidget.Error);
        var history = await client.GetMessagesAsync(Guid.Parse(conversation));
        Assert.Contains(history, m => m.Content.ToPlainText() == "Отвечаю на сайте" && m.Channel == Api.Contracts.Channels.ChannelKind.Widget);
        Assert.DoesNotContain(history, m => m.Content.ToPlainText() is "Пишу в Telegram" or "Пишу");
    }

    [Fact]
    public async Task Customer_import_sends_the_file_and_prints_the_report_with_each_refused_row()
    {
        var login = await _cli.RunAsync("login", "--server", host.BaseAddress.ToString().TrimEnd('/'), "--tenant", "demo", "--username", "demo", "--password", HostFixture.AdminPassword);
        Assert.True(login.ExitCode == 0, login.Error);
        var id = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var path = Path.Combine(Path.GetTempPath(), id + ".csv");
        await File.WriteAllTextAsync(path, $"externalId,name,phones\n{id}-1,Анна,+79001112233\n{id}-2,Борис,12\n");
        try
        {
            var first = await _cli.RunAsync("customer", "import", path);
            var again = await _cli.RunAsync("customer", "import", path);
            var wrongKind = await _cli.RunAsync("customer", "import", Path.ChangeExtension(path, ".xlsx"));

            Assert.True(first.ExitCode == 0, first.Error);
            Assert.Contains("Imported 2 rows: 1 new, 0 changed, 0 unchanged, 1 refused.", first.Out, StringComparison.Ordinal);
            Assert.Contains("row 3 $.phones[0]: not a phone number", first.Out, StringComparison.Ordinal);
            Assert.Contains("0 new, 0 changed, 1 unchanged, 1 refused", again.Out, StringComparison.Ordinal);
            Assert.Equal(2, wrongKind.ExitCode);
            Assert.Contains(".csv, .jsonl or .ndjson", wrongKind.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<Guid> CustomerAsync(ConversationsClient client, string text)
    {
        using var visitor = await host.NewVisitorAsync();
        var conversation = await visitor.WriteAsync(text);
        return (await client.GetConversationAsync(conversation)).Summary.CustomerId;
    }
}
