using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests;

/// <summary>
/// Every admin screen speaks the tenant's language: a Russian tenant's admin reads no English UI word on any of them,
/// an English tenant's admin no Russian one (labels, buttons, hints, placeholders, tooltips, statuses, dates). The
/// tenant's own data (names, replies, FAQ entries, identifiers) is marked translate="no" or shown as code, and is not
/// the screens' words.
/// </summary>
public sealed partial class AdminConsoleLanguageBrowserTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string[] Sections = ["reports", "settings", "texts", "operators", "canned", "faq", "scenario", "channels", "apikeys"];

    /// <summary>Names of products, protocols and formats: the same in Russian.</summary>
    private static readonly HashSet<string> NamesKeptInRussian =
    [
        "API", "JSON", "IANA", "HTTPS", "HMAC-SHA256", "Telegram", "BotFather", "IMAP", "SMTP", "TLS", "STARTTLS", "OAuth", "Gmail",
        "Microsoft", "e-mail", "Ctrl+C", "X-Api-Key", "VK", "Viber", "WhatsApp", "Messenger", "Instagram", "README", "CRM", "JPEG", "PNG", "PDF", "CSV",
        "DKIM", "DMARC", "PEM", "Authentication-Results", "From", "INBOX", // mail standards, header names and IMAP's name of the inbox
    ];

    [Fact]
    public async Task A_russian_tenants_admin_reads_no_english_word_on_any_admin_screen()
    {
        var english = new List<string>();
        await WalkEveryScreenAsync("ru", "Анна Админова", "Сколько стоит доставка?", (section, text) =>
        {
            foreach (Match word in LatinWord().Matches(Technical().Replace(text, " ")))
            {
                if (!NamesKeptInRussian.Contains(word.Value) && !VersionNumber().IsMatch(word.Value)) english.Add($"{section}: {word.Value} (in \"{text}\")");
            }
        });

        Assert.True(english.Count == 0, string.Join('\n', english));
    }

    [Fact]
    public async Task The_shared_top_bar_speaks_the_tenants_language_and_follows_a_change_in_settings()
    {
        var slug = "en-topbar-" + Guid.NewGuid().ToString("N")[..6];
        using var platform = fixture.NewClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new { slug, name = "Top Bar Ltd", adminUsername = "admin", adminPassword = "admin-password", adminDisplayName = "Ann Admin", language = "en" })).EnsureSuccessStatusCode();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            await page.GotoAsync(new Uri(fixture.BaseAddress, "/console").ToString());
            await page.GetByTestId("login-tenant").FillAsync(slug);
            await page.GetByTestId("login-username").FillAsync("admin");
            await page.GetByTestId("login-password").FillAsync("admin-password");
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("logout")).ToHaveTextAsync("Sign out");
            await Expect(page.Locator("#presence-label")).ToContainTextAsync("Presence");
            await Expect(page.GetByTestId("view-inbox")).ToHaveTextAsync("Inbox");

            // The admin switches the tenant to Russian: the top bar follows with the settings screen.
            await page.GetByTestId("view-admin").ClickAsync();
            await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("aria-busy", "false");
            await page.GetByTestId("settings-language").SelectOptionAsync("ru");
            await page.GetByTestId("settings-save").ClickAsync();
            await Expect(page.GetByTestId("logout")).ToHaveTextAsync("Выйти");
            await Expect(page.Locator("#presence-label")).ToContainTextAsync("Статус");
            await Expect(page.Locator("[data-testid=presence] option[value=Online]")).ToHaveTextAsync("В сети");
            await Expect(page.GetByTestId("view-admin")).ToHaveTextAsync("Управление");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "console-topbar-ru.png") });
        }
    }

    [Fact]
    public async Task An_english_tenants_admin_reads_no_russian_word_on_any_admin_screen()
    {
        var russian = new List<string>();
        await WalkEveryScreenAsync("en", "Ann Admin", "How much is delivery?", (section, text) =>
        {
            if (Cyrillic().IsMatch(text)) russian.Add($"{section}: \"{text}\"");
        });

        Assert.True(russian.Count == 0, string.Join('\n', russian));
    }

    /// <summary>
    /// A new tenant in <paramref name="language"/> with a widget, a canned reply, an FAQ entry and an API key (so the
    /// screens show rows and their buttons, not only empty lists); its admin opens every section, saves or checks where
    /// a section has a status line, and every UI text of the admin view goes to <paramref name="read"/>.
    /// </summary>
    private async Task WalkEveryScreenAsync(string language, string adminName, string question, Action<string, string> read)
    {
        var slug = language + "-admin-" + Guid.NewGuid().ToString("N")[..6];
        using var platform = fixture.NewClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new { slug, name = adminName, adminUsername = "admin", adminPassword = "admin-password", adminDisplayName = adminName, language })).EnsureSuccessStatusCode();
        using var admin = await ApiSession.SignInAsync(fixture.NewClient(), slug, "admin", "admin-password");
        (await admin.PostAsync("/api/v1/admin/channels/widgets", new { title = adminName })).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/v1/admin/api-keys", new { name = adminName, role = "Operator" })).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/v1/admin/canned-replies", new { shortcut = "delivery", title = question, contents = new[] { new { type = "text", text = question } } }))
            .EnsureSuccessStatusCode();
        (await admin.Http.PutAsJsonAsync("/api/v1/admin/bot/faq/delivery", new { id = "delivery", questions = new[] { question }, answer = adminName })).EnsureSuccessStatusCode();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
            await page.GotoAsync(new Uri(fixture.BaseAddress, "/console").ToString());
            await page.GetByTestId("login-tenant").FillAsync(slug);
            await page.GetByTestId("login-username").FillAsync("admin");
            await page.GetByTestId("login-password").FillAsync("admin-password");
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("operator-name")).ToHaveTextAsync(adminName);
            await page.GetByTestId("view-admin").ClickAsync();

            foreach (var section in Sections)
            {
                await page.GetByTestId($"admin-nav-{section}").ClickAsync();
                var content = page.GetByTestId("admin-content");
                await Expect(content).ToHaveAttributeAsync("data-section", section);
                await Expect(content).ToHaveAttributeAsync("aria-busy", "false");
                await ShowAStatusAsync(page, section, question);
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"admin-{language}-{section}.png"), FullPage = true });
                foreach (var text in await page.GetByTestId("admin-view").EvaluateAsync<string[]>(ScreenWords))
                {
                    read(section, text);
                }
            }

            await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
        }
    }

    /// <summary>Does what puts words in a section's status line: save, try, check.</summary>
    private static async Task ShowAStatusAsync(IPage page, string section, string question)
    {
        switch (section)
        {
            case "settings":
                await page.GetByTestId("settings-save").ClickAsync();
                await Expect(page.GetByTestId("settings-status")).ToHaveAttributeAsync("data-state", "done");
                break;
            case "faq":
                await page.GetByTestId("faq-try-question").FillAsync(question);
                await page.GetByTestId("faq-try").ClickAsync();
                await Expect(page.GetByTestId("faq-try-verdict")).ToBeVisibleAsync();
                break;
            case "scenario":
                await page.GetByTestId("scenario-check").ClickAsync();
                await Expect(page.GetByTestId("scenario-status")).ToHaveAttributeAsync("data-state", "done");
                break;
        }
    }

    /// <summary>
    /// The visible text nodes of the admin view and its elements' placeholders, tooltips and accessible names, outside
    /// the tenant's data (translate="no") and code.
    /// </summary>
    private const string ScreenWords = """
        (root) => {
          const data = (element) => element.closest('[translate="no"], code, script, style, datalist');
          const texts = [];
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const parent = walker.currentNode.parentElement;
            if (!data(parent) && parent.checkVisibility() && walker.currentNode.textContent.trim()) texts.push(walker.currentNode.textContent.trim());
          }
          for (const element of root.querySelectorAll('[placeholder], [title], [aria-label]')) {
            if (data(element)) continue;
            for (const name of ['placeholder', 'title', 'aria-label']) if (element.getAttribute(name)) texts.push(element.getAttribute(name));
          }
          return texts;
        }
        """;

    /// <summary>
    /// Placeholders, URLs, e-mail and host names, time zones, key=value examples, identifiers (an FAQ entry's id is
    /// letters, digits and dashes: delivery-cost): not words of a language.
    /// </summary>
    [GeneratedRegex(@"\{[^}]*\}|https?://\S*|\S*\w[./=@:]\w\S*|\b[a-z0-9]+(?:-[a-z0-9]+)+\b")]
    private static partial Regex Technical();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+]*(?:-[A-Za-z0-9]+)*")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"^v\d+$")]
    private static partial Regex VersionNumber();

    [GeneratedRegex(@"[А-Яа-яЁё]")]
    private static partial Regex Cyrillic();
}
