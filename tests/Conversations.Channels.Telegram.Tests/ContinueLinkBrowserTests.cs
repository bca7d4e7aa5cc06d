using System.Globalization;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// The widget's "continue in a messenger" button in a real Chromium: a visitor who has written on the site opens the
/// list, gets the tenant's Telegram link (a fresh one-time token), and opening it in Telegram (the Bot API stand-in
/// delivers <c>/start &lt;token&gt;</c>) makes the Telegram account the same customer with the same conversation.
/// </summary>
public sealed partial class ContinueLinkBrowserTests : IAsyncLifetime
{
    private const string Token = "555444:AAE-continue-browser-abcdefghijk";
    private const string BotUsername = "shop_continue_bot";
    private const string WidgetKey = "continue-browser";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TelegramSmtpHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TelegramSmtpHost.StartAsync("contbrowser", Token, BotUsername, _clock, servesBrowser: true);
        using var admin = await ApiSession.SignInAsync(new HttpClient { BaseAddress = _host.BaseAddress }, "contbrowser", "admin", "admin-password");
        (await admin.PostAsync("/api/v1/admin/channels/widgets", new { title = "Shop", key = WidgetKey })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_visitor_takes_the_Telegram_link_from_the_widget_and_continues_there_as_the_same_customer()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { Locale = "ru-RU" });
            await page.GotoAsync(new Uri(_host.BaseAddress!, $"/widget/demo?widget={WidgetKey}").ToString());
            await page.GetByTestId("cw-launcher").ClickAsync();
            await page.GetByTestId("cw-input").FillAsync("Где мой заказ 2077?");
            await page.GetByTestId("cw-send").ClickAsync();
            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=customer]").First).Not.ToHaveClassAsync(new Regex("cw-pending"), new() { Timeout = 15_000 });

            var button = page.GetByTestId("cw-continue");
            await Expect(button).ToBeVisibleAsync();
            await Expect(button).ToHaveAttributeAsync("aria-label", "Продолжить в мессенджере");
            await button.ClickAsync();
            var link = page.GetByTestId("cw-continue-link");
            await Expect(link).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("cw-continue-panel")).ToContainTextAsync("разговор продолжится там");
            await Expect(link).ToHaveAttributeAsync("data-channel", "Telegram");
            await Expect(link).ToHaveAttributeAsync("target", "_blank");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "widget-continue.png") });
            var href = await link.GetAttributeAsync("href");
            var token = StartToken().Match(href!);
            Assert.True(token.Success, $"a t.me link with a start token: {href}");

            const long user = 7_400_001;
            await _host.PostAsync(Fixture.Load("text", user, text: "/start " + token.Groups[1].Value));

            var telegramCustomer = await _host.App.Grains.GetGrain<IChannelIdentityGrain>(new ChannelIdentityKey(_host.TenantId, ChannelKind.Telegram,
                _host.BotId.ToString(CultureInfo.InvariantCulture), user.ToString(CultureInfo.InvariantCulture)).ToGrainKey()).GetCustomerIdAsync();
            var profile = (await _host.App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(_host.TenantId, telegramCustomer!.Value).ToGrainKey()).GetProfileAsync())!;
            Assert.Equal([ChannelKind.Telegram, ChannelKind.Widget], profile.Identities.Select(i => i.Key.Kind).Order());
        }
    }

    [GeneratedRegex(@"^https://t\.me/shop_continue_bot\?start=(cl_[A-Za-z0-9_-]{43})$")]
    private static partial Regex StartToken();
}
