using System.Security.Cryptography;
using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Channels.Widget.Tests;

/// <summary>A visitor attaches files in the widget in a real headless Chromium; the operator gets the same bytes.</summary>
public sealed class WidgetMediaBrowserTests(WidgetAppFixture widget) : IClassFixture<WidgetAppFixture>
{
    [Fact]
    public async Task A_visitor_attaches_a_file_sees_it_as_a_download_and_the_operator_downloads_the_same_bytes()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            await page.GetByTestId("cw-launcher").ClickAsync();
            var marker = "invoice" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8));
            byte[] bytes = [.. "%PDF-1.4\n"u8.ToArray(), .. RandomNumberGenerator.GetBytes(300_000)];

            await page.GetByTestId("cw-input").FillAsync($"see {marker}");
            await page.GetByTestId("cw-file").SetInputFilesAsync(new FilePayload { Name = $"{marker}.pdf", MimeType = "application/pdf", Buffer = bytes });

            var mine = page.GetByTestId("cw-messages").Locator("[data-from=customer]", new() { HasText = marker });
            await Expect(mine).ToHaveCountAsync(1);
            await Expect(mine).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cw-pending|cw-failed"), new() { Timeout = 15_000 });
            // The attach button speaks the tenant's language (the demo tenant's is Russian).
            await Expect(page.GetByTestId("cw-attach")).ToHaveAttributeAsync("aria-label", "Прикрепить файл");

            // After a reload the history shows it as a download link to our copy.
            await page.ReloadAsync();
            var link = page.GetByTestId("cw-messages").Locator("[data-from=customer] a.cw-file-link", new() { HasText = marker });
            await Expect(link).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var href = await link.GetAttributeAsync("href");
            Assert.Contains("/api/v1/media/", href);
            var visitorDownload = await page.APIRequest.GetAsync(href!);
            Assert.Equal(bytes, await visitorDownload.BodyAsync());

            // The operator finds the message and downloads the file with their login.
            using var demo = await ApiSession.SignInAsync(new HttpClient { BaseAddress = widget.BaseAddress }, "demo", "demo", "demo-password");
            Guid mediaId = default;
            await Eventually.HoldsAsync(async () =>
            {
                var hits = (await demo.GetAsync($"/api/v1/search/messages?q={marker}")).EnumerateArray().ToList();
                if (hits.Count == 0)
                {
                    return false;
                }

                mediaId = hits[0].GetProperty("message").GetProperty("content").GetProperty("media").GetProperty("mediaId").GetGuid();
                return true;
            }, "the visitor's file searchable by its name");
            var operatorDownload = await demo.Http.GetAsync($"/api/v1/media/{mediaId}");
            operatorDownload.EnsureSuccessStatusCode();
            Assert.Equal(bytes, await operatorDownload.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", operatorDownload.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_visitor_attaches_a_photo_and_sees_it_inline()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            await page.GetByTestId("cw-launcher").ClickAsync();

            await page.GetByTestId("cw-file").SetInputFilesAsync(new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = Pixel });

            var mine = page.GetByTestId("cw-messages").Locator("[data-from=customer]").Last;
            await Expect(mine).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cw-pending|cw-failed"), new() { Timeout = 15_000 });
            await page.ReloadAsync();
            var image = page.GetByTestId("cw-messages").Locator("[data-from=customer] img.cw-image");
            await Expect(image).ToBeVisibleAsync(new() { Timeout = 15_000 });
            Assert.StartsWith(widget.BaseAddress.GetLeftPart(UriPartial.Authority) + "/api/v1/media/", await image.GetAttributeAsync("src"));
            await Eventually.HoldsAsync(async () => await image.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 0, "the image decoded");
        }
    }

    [Fact]
    public async Task A_refused_file_is_marked_failed_with_the_tenants_text()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            await page.GetByTestId("cw-launcher").ClickAsync();

            await page.GetByTestId("cw-file").SetInputFilesAsync(new FilePayload { Name = "cat.jpg", MimeType = "image/jpeg", Buffer = [.. "MZ"u8.ToArray(), .. new byte[100]] });

            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=customer].cw-failed")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await Expect(page.Locator(".cw-status")).ToContainTextAsync("Этот файл не получится отправить");
        }
    }

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
