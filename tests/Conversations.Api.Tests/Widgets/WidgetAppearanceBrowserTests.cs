using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests.Widgets;

/// <summary>
/// An admin styles a widget on the console's Channels screen (in the tenant's language, Russian here), watching the
/// live preview follow the form; then the real widget on a page shows the new title, colour, greeting and corner.
/// </summary>
public sealed class WidgetAppearanceBrowserTests(WidgetAppearanceFixture fixture) : IClassFixture<WidgetAppearanceFixture>
{
    [Fact]
    public async Task An_appearance_set_on_the_channels_screen_shows_in_the_preview_and_then_in_the_real_widget()
    {
        using var admin = await fixture.DemoAsync();
        var key = $"brand-{Guid.NewGuid().ToString("N")[..8]}";
        (await admin.PostAsync("/api/v1/admin/channels/widgets", new { title = "Shop", key })).EnsureSuccessStatusCode();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1400 } });
            await ConsolePage.SignInAsync(page, fixture.BaseAddress);
            await page.GetByTestId("view-admin").ClickAsync();
            await page.GetByTestId("admin-nav-channels").ClickAsync();
            await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("data-section", "channels");
            await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("aria-busy", "false");

            var card = page.GetByTestId("appearance-card");
            await Expect(card.Locator("h3")).ToHaveTextAsync("Внешний вид виджета");
            await card.GetByTestId("appearance-widget").SelectOptionAsync(key);
            await Expect(card.GetByTestId("appearance-title")).ToHaveValueAsync("Shop");
            await Expect(card.GetByTestId("appearance-color")).ToHaveValueAsync("#2563eb");

            // A bad colour is refused by the API with the field named, and nothing is saved.
            await card.GetByTestId("appearance-color").FillAsync("blue");
            await card.GetByTestId("appearance-save").ClickAsync();
            await Expect(card.GetByTestId("appearance-status")).ToHaveAttributeAsync("data-state", "failed");
            await Expect(card.GetByTestId("appearance-status")).ToContainTextAsync("color");

            await card.GetByTestId("appearance-title").FillAsync("Цветочная лавка");
            await card.GetByTestId("appearance-color").FillAsync("#b91c1c");
            await card.GetByTestId("appearance-greeting").FillAsync("Здравствуйте! Подберём букет за пять минут.");
            await card.GetByTestId("appearance-position").SelectOptionAsync("BottomLeft");
            await Expect(card.GetByTestId("appearance-position").Locator("option:checked")).ToHaveTextAsync("Слева внизу");

            // The preview follows the form before anything is saved.
            var preview = card.GetByTestId("appearance-preview");
            await Expect(preview.GetByTestId("preview-title")).ToHaveTextAsync("Цветочная лавка");
            await Expect(preview.GetByTestId("preview-greeting")).ToHaveTextAsync("Здравствуйте! Подберём букет за пять минут.");
            await Expect(preview).ToHaveAttributeAsync("data-position", "BottomLeft");
            await Expect(preview.Locator(".wp-header")).ToHaveCSSAsync("background-color", "rgb(185, 28, 28)");
            var previewBox = (await preview.BoundingBoxAsync())!;
            var launcherBox = (await preview.GetByTestId("preview-launcher").BoundingBoxAsync())!;
            Assert.True(launcherBox.X - previewBox.X < previewBox.Width / 2, "the preview's launcher sits on the left");

            await card.GetByTestId("appearance-save").ClickAsync();
            await Expect(card.GetByTestId("appearance-status")).ToHaveAttributeAsync("data-state", "done");
            await Expect(card.GetByTestId("appearance-status")).ToHaveTextAsync("Сохранено");
            await Expect(page.Locator($"[data-testid=channel-row][data-account='{key}']")).ToContainTextAsync("Цветочная лавка");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "widget-appearance-admin.png"), FullPage = true });
            await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();

            // The real widget on a page.
            var site = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 800 } });
            await site.GotoAsync(new Uri(fixture.BaseAddress, $"/widget/demo?widget={key}").ToString());
            await site.GetByTestId("cw-launcher").ClickAsync();
            await Expect(site.GetByTestId("cw-title")).ToHaveTextAsync("Цветочная лавка");
            await Expect(site.GetByTestId("demo-title")).ToHaveTextAsync("Цветочная лавка");
            await Expect(site.GetByTestId("cw-greeting")).ToHaveTextAsync("Здравствуйте! Подберём букет за пять минут.");
            await Expect(site.Locator(".cw-header")).ToHaveCSSAsync("background-color", "rgb(185, 28, 28)");
            await Expect(site.GetByTestId("cw-send")).ToHaveCSSAsync("background-color", "rgb(185, 28, 28)");
            var panel = (await site.Locator(".cw-panel").BoundingBoxAsync())!;
            Assert.True(panel.X < 100, $"the chat opens at the bottom left (x = {panel.X})");
            Assert.True(panel.Y + panel.Height > 700, $"the chat sits at the bottom (bottom = {panel.Y + panel.Height})");
            await site.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "widget-appearance-site.png") });
        }

        // The same look at the API, as saved from the screen.
        var look = await admin.GetAsync($"/api/v1/admin/channels/widgets/{key}/appearance");
        Assert.Equal("#b91c1c", look.GetProperty("color").GetString());
        Assert.Equal("BottomLeft", look.GetProperty("position").GetString());
    }
}
