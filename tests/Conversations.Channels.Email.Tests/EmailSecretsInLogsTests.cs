using System.Net.Http.Json;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Webhooks;
using Conversations.Testing;
using Conversations.Testing.Email;
using Conversations.Testing.Logs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Email.Tests;

/// <summary>The mailbox password and the hook secret stay out of the logs, with every category at Trace.</summary>
public sealed class EmailSecretsInLogsTests
{
    [Fact]
    public async Task Connecting_reading_replying_a_refused_login_and_a_forged_hook_call_log_neither_the_password_nor_the_hook_secret()
    {
        await using var mail = await Smtp4devServer.StartAsync();
        var capture = new CapturingLoggerProvider();
        await using var app = new ConversationsApp(seedDemo: false, settings: new Dictionary<string, string?>
        {
            ["Channels:Email:RegistryRefresh"] = "00:00:00.200",
            ["Channels:Email:IdleRenewal"] = "00:00:05",
            ["Channels:Email:PollInterval"] = "00:00:01",
            ["Outbound:AllowedNetworks:0"] = "127.0.0.1/32",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:System"] = "Trace",
            ["Logging:LogLevel:Orleans"] = "Trace",
        }, services: services => services.AddSingleton<ILoggerProvider>(capture));
        using var platform = app.CreateClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "logs", name = "Logs", adminUsername = "admin", adminPassword = "admin-password" }))
            .EnsureSuccessStatusCode();
        var request = new Dictionary<string, object?>
        {
            ["address"] = Smtp4devServer.SupportAddress, ["imapHost"] = "127.0.0.1", ["imapPort"] = mail.ImapPort, ["imapTls"] = "None",
            ["smtpHost"] = "127.0.0.1", ["smtpPort"] = mail.SmtpPort, ["smtpTls"] = "None", ["username"] = Smtp4devServer.SupportUser,
            ["credential"] = "refused-password-never-logged",
        };
        Assert.False((await platform.PostAsJsonAsync("/api/v1/platform/tenants/logs/email-mailboxes", request)).IsSuccessStatusCode);
        request["credential"] = Smtp4devServer.SupportPassword;
        var connection = await (await platform.PostAsJsonAsync("/api/v1/platform/tenants/logs/email-mailboxes", request)).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<Conversations.Api.Contracts.Channels.EmailConnection>(TestJson.Options);
        var hookSecret = connection!.InboundHookSecret;

        var customer = EmailGatewayFixture.NewCustomerAddress();
        await mail.SendAsCustomerAsync(EmailGatewayFixture.MailFrom(customer, "Logs", "Hello"));
        await Eventually.HoldsAsync(async () => (await mail.InboxAsync(Smtp4devServer.CustomerUser, Smtp4devServer.CustomerPassword, customer)).Count > 0,
            "the bot's reply in the customer's mailbox", TimeSpan.FromSeconds(30));
        using var forged = new ByteArrayContent("From: x@customer.test\r\n\r\nx"u8.ToArray());
        forged.Headers.Add(EmailWebhookEndpoints.SignatureHeader, "sha256=" + new string('0', 64));
        await platform.PostAsync("/webhooks/email/support%40shop.test", forged);

        var secrets = new[] { Smtp4devServer.SupportPassword, "refused-password-never-logged", hookSecret };
        var leaks = capture.Entries.Where(e => secrets.Any(s => e.Text.Contains(s, StringComparison.Ordinal))).Select(e => $"{e.Category}: {e.Text}").ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks.Take(10)));
        Assert.Contains(capture.Entries, e => e.Category.StartsWith("Conversations", StringComparison.Ordinal)); // the capture saw the app's logs
    }
}
