using Conversations.Testing;
using Conversations.Testing.Email;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Channels.Email.Tests;

/// <summary>
/// The admin console's channels screen, in the tenant's language (Russian here), connects a support mailbox on
/// smtp4dev: a refused login is named in plain words without echoing the password, a good one lists the mailbox,
/// and the password is never on the page afterwards.
/// </summary>
public sealed class EmailAdminScreenBrowserTests(EmailConsoleFixture email) : IClassFixture<EmailConsoleFixture>
{
    [Fact]
    public async Task An_admin_connects_a_mailbox_on_the_channels_screen_sees_a_refused_login_named_and_the_mailbox_listed_without_its_password()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1800 } });
            await page.GotoAsync(new Uri(email.BaseAddress!, "/console").ToString());
            await page.GetByTestId("login-tenant").FillAsync("shop");
            await page.GetByTestId("login-username").FillAsync("admin");
            await page.GetByTestId("login-password").FillAsync("admin-password");
            await page.GetByTestId("login-submit").ClickAsync();
            await page.GetByTestId("view-admin").ClickAsync();
            await page.GetByTestId("admin-nav-channels").ClickAsync();
            await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("data-section", "channels");
            await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("aria-busy", "false");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Каналы" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("email-form").Locator("h3")).ToHaveTextAsync("Почтовый ящик поддержки (e-mail)");
            await Expect(page.Locator($"[data-testid=channel-row][data-account='{Smtp4devServer.SupportAddress}']")).ToContainTextAsync("Shop support");

            await page.GetByTestId("email-address").FillAsync("sales@shop.test");
            await page.GetByTestId("email-display-name").FillAsync("Shop sales");
            foreach (var (server, port) in new[] { ("imap", email.Mail.ImapPort), ("smtp", email.Mail.SmtpPort) })
            {
                await page.GetByTestId($"email-{server}-host").FillAsync("127.0.0.1");
                await page.GetByTestId($"email-{server}-port").FillAsync(Smtp4devServer.Text(port));
                await page.GetByTestId($"email-{server}-tls").SelectOptionAsync("None");
            }

            await page.GetByTestId("email-username").FillAsync(Smtp4devServer.SupportUser);
            await page.GetByTestId("email-credential").FillAsync("wrong-password-123");
            await page.GetByTestId("email-connect").ClickAsync();
            var status = page.GetByTestId("email-status");
            await Expect(status).ToHaveAttributeAsync("data-state", "failed");
            await Expect(status).ToContainTextAsync("credential:");
            await Expect(status).ToContainTextAsync("refused the login");
            await Expect(page.Locator("body")).Not.ToContainTextAsync("wrong-password-123");

            // A DKIM key that cannot sign is refused before any server is asked, named, and not kept in the page.
            await page.GetByTestId("email-credential").FillAsync(Smtp4devServer.SupportPassword);
            await page.GetByTestId("email-dkim-domain").FillAsync("shop.test");
            await page.GetByTestId("email-dkim-selector").FillAsync("mail2026");
            await page.GetByTestId("email-dkim-key").FillAsync("-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n-----END PRIVATE KEY-----");
            await page.GetByTestId("email-connect").ClickAsync();
            await Expect(status).ToHaveAttributeAsync("data-state", "failed");
            await Expect(status).ToContainTextAsync("dkimPrivateKey:");
            await Expect(page.GetByTestId("email-dkim-key")).ToHaveValueAsync("");
            await Expect(page.Locator("body")).Not.ToContainTextAsync("not-a-real-key");

            await page.GetByTestId("email-dkim-domain").FillAsync("");
            await page.GetByTestId("email-dkim-selector").FillAsync("");
            await page.GetByTestId("email-credential").FillAsync(Smtp4devServer.SupportPassword);
            await page.GetByTestId("email-signature").FillAsync("Shop sales team");
            await page.GetByTestId("email-folder").FillAsync("INBOX");
            await page.GetByTestId("email-trusted-authserv-id").FillAsync("mx.shop-mail.test");
            await page.GetByTestId("email-vouch-for-senders").CheckAsync();
            await page.GetByTestId("email-connect").ClickAsync();
            await Expect(status).ToHaveAttributeAsync("data-state", "done");
            await Expect(status).ToHaveTextAsync("Подключён");
            var row = page.Locator("[data-testid=channel-row][data-account='sales@shop.test']");
            await Expect(row).ToContainTextAsync("Shop sales");
            await Expect(row).ToContainTextAsync("работает");
            await Expect(page.GetByTestId("email-credential")).ToHaveValueAsync("");
            // The inbound hook's path and secret, shown this once for the MTA's setup.
            await Expect(page.GetByTestId("email-hook-path")).ToHaveTextAsync("/webhooks/email/sales%40shop.test");
            await Expect(page.GetByTestId("email-hook-secret")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
            var account = await email.App.Grains.GetGrain<Conversations.Abstractions.Channels.IChannelAccountGrain>(
                new Conversations.Abstractions.Channels.ChannelAccountKey(Conversations.Abstractions.Channels.ChannelKind.Email, "sales@shop.test").ToGrainKey()).GetAsync();
            Assert.Equal("mx.shop-mail.test", account!.Settings!["trusted_authserv_id"]);
            Assert.Equal("true", account.Settings["vouch_for_senders"]);
            Assert.Equal(account.WebhookSecret, await page.GetByTestId("email-hook-secret").TextContentAsync());
            Assert.DoesNotContain(Smtp4devServer.SupportPassword, await page.ContentAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "email-admin-channels.png"), FullPage = true });
            await page.GetByTestId("email-hook").ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "email-admin-hook.png") });
        }
    }
}
