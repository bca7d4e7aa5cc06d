using System.Net;
using System.Text.Json;
using Conversations.Testing;
using Conversations.Testing.Email;

namespace Conversations.Channels.Email.Tests;

/// <summary>Connecting a mailbox logs in to both servers first and says in plain words what failed.</summary>
[Collection(EmailCollection.Name)]
public sealed class EmailConnectTests(EmailGatewayFixture email)
{
    [Fact]
    public async Task A_wrong_password_is_a_400_naming_the_credential_and_never_echoing_it()
    {
        var response = await email.ConnectAsync(email.MailboxRequest(r => r["credential"] = "not-the-password-123"));

        var problem = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("credential:", problem, StringComparison.Ordinal);
        Assert.Contains("refused the login", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-123", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imap_port_where_nothing_listens_is_a_400_naming_the_imap_host()
    {
        var response = await email.ConnectAsync(email.MailboxRequest(r => r["imapPort"] = FreePorts.Next()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("imapHost: could not connect to 127.0.0.1:", await ProblemAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_smtp_port_where_nothing_listens_is_a_400_naming_the_smtp_host()
    {
        var response = await email.ConnectAsync(email.MailboxRequest(r => r["smtpPort"] = FreePorts.Next()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("smtpHost: could not connect to 127.0.0.1:", await ProblemAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_the_server_does_not_have_is_a_400_naming_the_folder()
    {
        var response = await email.ConnectAsync(email.MailboxRequest(r => r["folder"] = "Support/Tickets"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("folder: the IMAP server has no folder \"Support/Tickets\".", await ProblemAsync(response));
    }

    [Fact]
    public async Task Starttls_on_a_server_without_it_is_a_400_naming_the_tls_mode()
    {
        var response = await email.ConnectAsync(email.MailboxRequest(r => r["imapTls"] = "StartTls"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("imapTls:", await ProblemAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("address", "not an address")]
    [InlineData("address", "Support <support@shop.test>")]
    [InlineData("imapHost", "")]
    [InlineData("displayName", "Shop\r\nBcc: victim@example.com")]
    [InlineData("signature", "Shop support\u0007")]
    public async Task A_malformed_entry_is_a_400_naming_the_field(string field, string value)
    {
        var response = await email.ConnectAsync(email.MailboxRequest(r => r[field] = value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(field + ":", await ProblemAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(366)]
    public async Task Reopening_days_outside_0_to_365_are_a_400_naming_the_field(int days)
    {
        var response = await email.ConnectAsync(email.MailboxRequest(r => r["reopenWithinDays"] = days));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reopenWithinDays", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("imapHost", "169.254.169.254")]
    [InlineData("smtpHost", "10.0.0.5")]
    [InlineData("imapHost", "127.0.0.2")]
    public async Task A_private_or_local_host_the_platform_did_not_allow_is_a_400(string field, string host)
    {
        var response = await email.ConnectAsync(email.MailboxRequest(r => r[field] = host));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith($"{field}: {host} is a private or local address", await ProblemAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connected_mailbox_is_listed_without_its_password_or_hook_secret()
    {
        var body = await email.Http.GetStringAsync("/api/v1/platform/tenants/shop/channels");

        Assert.Contains("support@shop.test", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Smtp4devServer.SupportPassword, body, StringComparison.Ordinal);
        Assert.DoesNotContain(email.HookSecret, body, StringComparison.Ordinal);
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("detail").GetString() ?? "";
    }
}
