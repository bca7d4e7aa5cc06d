using System.Text.Json;
using System.Net.Http.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Channels;
using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Channels.Widget.Tests;

/// <summary>The widget in a real headless Chromium: one script tag on a page, a visitor writes, the bot answers.</summary>
public sealed class WidgetBrowserTests(WidgetAppFixture widget) : IClassFixture<WidgetAppFixture>
{
    [Fact]
    public async Task A_visitor_sends_a_message_sees_the_bot_reply_and_sees_the_history_after_reload()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());

            await page.GetByTestId("cw-launcher").ClickAsync();
            await page.GetByTestId("cw-input").FillAsync("Здравствуйте, где мой заказ?");
            await page.GetByTestId("cw-send").ClickAsync();

            var messages = page.GetByTestId("cw-messages");
            await Expect(messages.Locator("[data-from=customer]").First).ToContainTextAsync("где мой заказ");
            // The panel speaks the tenant's language (the demo tenant's is Russian), from the texts the session brought.
            await Expect(page.GetByTestId("cw-send")).ToHaveTextAsync(TenantTexts.Defaults[TenantTexts.WidgetSend]);
            await Expect(page.GetByTestId("cw-input")).ToHaveAttributeAsync("placeholder", TenantTexts.Defaults[TenantTexts.WidgetPlaceholder]);
            // The demo page shows the widget's own title, as the session gave it.
            var title = await page.GetByTestId("cw-title").TextContentAsync();
            Assert.False(string.IsNullOrWhiteSpace(title));
            await Expect(page.GetByTestId("demo-title")).ToHaveTextAsync(title!);
            await Expect(page).ToHaveTitleAsync($"{title} \u00b7 Conversations widget");
            // The demo tenant has no messenger to continue in, so the widget offers none.
            await Expect(page.GetByTestId("cw-continue")).ToBeHiddenAsync();
            // The demo tenant's sample scenario greets and offers its menu as buttons.
            await Expect(messages.Locator("[data-from=bot]").First).ToContainTextAsync("Здравствуйте", new() { Timeout = 15_000 });
            await Expect(messages.Locator(".cw-choice").First).ToBeVisibleAsync();

            await page.ReloadAsync();

            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=customer]").First).ToContainTextAsync("где мой заказ", new() { Timeout = 15_000 });
            var botMessages = await page.GetByTestId("cw-messages").Locator("[data-from=bot]").CountAsync();
            Assert.True(botMessages >= 2, $"the bot's greeting and menu after reload, got {botMessages}");
        }
    }

    [Fact]
    public async Task A_visitor_sees_an_image_the_operator_uploaded()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            var marker = "photoask" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8));
            await page.GetByTestId("cw-launcher").ClickAsync();
            await page.GetByTestId("cw-input").FillAsync($"оператор {marker}");
            await page.GetByTestId("cw-send").ClickAsync();
            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=customer]").First).ToContainTextAsync(marker);

            await OperatorAnswersWithAPictureAsync(marker);

            var image = page.GetByTestId("cw-messages").Locator("[data-from=operator] img.cw-image");
            await Expect(image).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=operator]").Last).ToContainTextAsync("Like this?");
            // Decoded by the browser: the signed link loaded the picture, not a broken-image icon.
            await Eventually.HoldsAsync(async () => await image.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 0, "the image decoded");
        }
    }

    [Fact]
    public async Task The_newest_message_stays_in_view_once_a_picture_above_it_has_loaded()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            var marker = "tallask" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8));
            await page.GetByTestId("cw-launcher").ClickAsync();
            await page.GetByTestId("cw-input").FillAsync($"оператор {marker}");
            await page.GetByTestId("cw-send").ClickAsync();
            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=bot]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            // The picture arrives only after its message is on screen, and is tall: it pushes its caption down when it loads.
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await page.RouteAsync("**/*", async route =>
            {
                if (route.Request.ResourceType != "image")
                {
                    await route.ContinueAsync();
                    return;
                }

                await release.Task;
                await route.FulfillAsync(new() { ContentType = "image/svg+xml", Body = TallPicture });
            });

            await OperatorAnswersWithAPictureAsync(marker);
            var image = page.GetByTestId("cw-messages").Locator("[data-from=operator] img.cw-image");
            await Expect(image).ToBeAttachedAsync(new() { Timeout = 15_000 });
            release.SetResult();
            await Eventually.HoldsAsync(async () => await image.EvaluateAsync<int>("img => img.complete ? img.naturalHeight : 0") == 400, "the tall picture loaded");

            var hidden = await page.GetByTestId("cw-messages").EvaluateAsync<double>("list => list.scrollHeight - list.scrollTop - list.clientHeight");
            Assert.True(hidden < 2, $"{hidden} px of the newest message are below the visible part of the list");
            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=operator]").Last).ToContainTextAsync("Like this?");
        }
    }

    /// <summary>A grey picture 200 × 400 px.</summary>
    private const string TallPicture = "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='400'><rect width='200' height='400' fill='#888'/></svg>";

    /// <summary>The operator finds the visitor's chat by <paramref name="marker"/>, takes it and answers with an uploaded picture, "Like this?".</summary>
    private async Task OperatorAnswersWithAPictureAsync(string marker)
    {
        using var demo = await ApiSession.SignInAsync(new HttpClient { BaseAddress = widget.BaseAddress }, "demo", "demo", "demo-password");
        Guid conversation = default;
        await Eventually.HoldsAsync(async () =>
        {
            var hits = (await demo.GetAsync($"/api/v1/search/messages?q={marker}")).EnumerateArray().ToList();
            conversation = hits.Count > 0 ? hits[0].GetProperty("message").GetProperty("conversationId").GetGuid() : default;
            return hits.Count > 0;
        }, "the visitor's message searchable");
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();
        var file = new ByteArrayContent(Pixel);
        file.Headers.ContentType = new("image/png");
        using var form = new MultipartFormDataContent { { file, "file", "pixel.png" } };
        var uploaded = await (await demo.Http.PostAsync("/api/v1/media", form)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/messages", new { mediaId = uploaded.GetProperty("mediaId").GetGuid(), caption = "Like this?" }))
            .EnsureSuccessStatusCode();
    }

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_message_whose_answer_was_lost_is_sent_again_and_stored_once()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            // The server takes the message, but its answer never reaches the browser (a silo restarting).
            var sends = await SentMessages.RouteAsync(page, async route =>
            {
                await route.FetchAsync();
                await route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = "{\"title\":\"Temporarily unavailable\"}" });
            });
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            await page.GetByTestId("cw-launcher").ClickAsync();
            var text = $"Где заказ {Guid.NewGuid():N}";
            await page.GetByTestId("cw-input").FillAsync(text);
            await page.GetByTestId("cw-send").ClickAsync();

            var mine = page.GetByTestId("cw-messages").Locator("[data-from=customer]", new() { HasText = text });
            await Expect(mine).ToHaveCountAsync(1);
            await Expect(mine).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cw-pending|cw-failed"), new() { Timeout = 15_000 });
            Assert.Equal(2, sends.Count);
            Assert.Equal(sends.Ids[0], sends.Ids[1]);

            await page.ReloadAsync();
            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=bot]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=customer]", new() { HasText = text })).ToHaveCountAsync(1);
        }
    }

    [Fact]
    public async Task A_message_refused_with_429_waits_out_retry_after_showing_the_tenant_text_and_is_sent_once_with_the_same_id()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            // The widget's timers run on Playwright's clock: the test moves it instead of waiting 30 s.
            await page.Clock.InstallAsync();
            var sends = await SentMessages.RouteAsync(page, route => route.FulfillAsync(new()
            {
                Status = 429,
                ContentType = "application/problem+json",
                Headers = new Dictionary<string, string> { ["Retry-After"] = "30" },
                Body = "{\"title\":\"Too many requests\",\"status\":429,\"limit\":\"WidgetMessagesPerVisitor\"}",
            }));
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            await page.GetByTestId("cw-launcher").ClickAsync();
            var text = $"Подождите {Guid.NewGuid():N}";
            await page.GetByTestId("cw-input").FillAsync(text);
            await page.GetByTestId("cw-send").ClickAsync();

            var mine = page.GetByTestId("cw-messages").Locator("[data-from=customer]", new() { HasText = text });
            await Expect(page.Locator(".cw-status")).ToHaveTextAsync(TenantTexts.Defaults[TenantTexts.WidgetSlowDown]);
            await Expect(mine).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cw-pending"));

            await page.Clock.RunForAsync(29_000);
            Assert.Equal(1, sends.Count);
            await Expect(mine).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cw-failed"));

            await page.Clock.RunForAsync(1_500);
            await Expect(mine).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cw-pending|cw-failed"), new() { Timeout = 15_000 });
            Assert.Equal(2, sends.Count);
            Assert.Equal(sends.Ids[0], sends.Ids[1]);
            await Expect(page.Locator(".cw-status")).ToHaveTextAsync("");
        }
    }
}
