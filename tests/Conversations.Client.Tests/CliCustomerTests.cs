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

    private async Task<Guid> CustomerAsync(ConversationsClient client, string text)
    {
        using var visitor = await host.NewVisitorAsync();
        var conversation = await visitor.WriteAsync(text);
        return (await client.GetConversationAsync(conversation)).Summary.CustomerId;
    }
}
