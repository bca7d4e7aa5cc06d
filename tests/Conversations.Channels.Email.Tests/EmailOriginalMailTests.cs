using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Messages;
using Conversations.Testing;
using CsCheck;

namespace Conversations.Channels.Email.Tests;

/// <summary>
/// The whole original of a customer's mail, one click away from its message: the raw MIME is kept in the media store
/// and every message the mail became links to it; it is rendered sanitised, remote images only on request, and
/// downloads as the .eml that came. Another tenant finds nothing.
/// </summary>
[Collection(EmailCollection.Name)]
public sealed class EmailOriginalMailTests(EmailGatewayFixture email)
{
    [Fact]
    public async Task Every_message_of_a_mail_opens_its_whole_original_with_the_quoted_history_and_its_eml_downloads_byte_for_byte()
    {
        var (mail, raw, messages) = await PushHtmlMailAsync();
        using var admin = await SignInAsync("shop", "admin", "admin-password");

        var text = messages.Single(m => m.Content is TextContent);
        Assert.DoesNotContain("Your order has shipped", ((TextContent)text.Content).Text, StringComparison.Ordinal); // the console shows the new part
        foreach (var message in messages)
        {
            var original = await OriginalAsync(admin, message.ConversationId, message.MessageId);
            Assert.Equal(mail.Subject, original.GetProperty("subject").GetString());
            Assert.Contains(mail.From.Mailboxes.Single().Address, original.GetProperty("from").GetString(), StringComparison.Ordinal);
            Assert.Contains("boris@customer.test", original.GetProperty("cc").GetString(), StringComparison.Ordinal);
            Assert.Contains("Your order has shipped.", original.GetProperty("html").GetString(), StringComparison.Ordinal);
            Assert.Contains("> Your order has shipped.", original.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Contains(original.GetProperty("attachments").EnumerateArray(), a => a.GetProperty("fileName").GetString() == "invoice.pdf");
        }

        var first = await OriginalAsync(admin, text.ConversationId, text.MessageId);
        var download = await admin.Http.GetAsync($"/api/v1/media/{first.GetProperty("mediaId").GetGuid()}");
        download.EnsureSuccessStatusCode();
        Assert.Equal("message/rfc822", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(raw, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(raw.Length, first.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task The_original_runs_no_script_loads_no_remote_image_until_asked_and_shows_its_own_inline_image()
    {
        var (_, _, messages) = await PushHtmlMailAsync();
        using var admin = await SignInAsync("shop", "admin", "admin-password");
        var text = messages.Single(m => m.Content is TextContent);

        var safe = await OriginalAsync(admin, text.ConversationId, text.MessageId);
        var html = safe.GetProperty("html").GetString()!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tracker.example", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("target=\"_blank\"", html, StringComparison.Ordinal);
        Assert.Equal(2, safe.GetProperty("remoteImages").GetInt32());
        Assert.False(safe.GetProperty("remoteImagesShown").GetBoolean());

        var asked = await OriginalAsync(admin, text.ConversationId, text.MessageId, "?remoteImages=true");
        Assert.Contains("https://tracker.example/open.gif?u=42", asked.GetProperty("html").GetString()!.Replace("&amp;", "&", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(asked.GetProperty("remoteImagesShown").GetBoolean());
        Assert.DoesNotContain("<script", asked.GetProperty("html").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_tenants_operator_gets_404_for_the_same_conversation_message_and_eml()
    {
        var (_, _, messages) = await PushHtmlMailAsync();
        using var admin = await SignInAsync("shop", "admin", "admin-password");
        var text = messages.Single(m => m.Content is TextContent);
        var mediaId = (await OriginalAsync(admin, text.ConversationId, text.MessageId)).GetProperty("mediaId").GetGuid();
        using var stranger = await OtherTenantAsync();

        var original = await stranger.Http.GetAsync($"/api/v1/conversations/{text.ConversationId}/messages/{text.MessageId}/original");
        var eml = await stranger.Http.GetAsync($"/api/v1/media/{mediaId}");

        Assert.Equal(HttpStatusCode.NotFound, original.StatusCode);
        Assert.Equal("application/problem+json", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, eml.StatusCode);
    }

    [Fact]
    public async Task A_message_that_did_not_come_by_mail_or_another_conversations_message_has_no_original()
    {
        var (_, _, messages) = await PushHtmlMailAsync();
        var (_, _, others) = await PushHtmlMailAsync();
        using var admin = await SignInAsync("shop", "admin", "admin-password");
        var text = messages.Single(m => m.Content is TextContent);
        await Eventually.HoldsAsync(async () => (await email.HistoryOfAsync(text.ConversationId)).Any(m => m.Direction == MessageDirection.Bot),
            "the bot's acknowledgement");
        var bot = (await email.HistoryOfAsync(text.ConversationId)).First(m => m.Direction == MessageDirection.Bot);

        var ofBot = await admin.Http.GetAsync($"/api/v1/conversations/{text.ConversationId}/messages/{bot.MessageId}/original");
        var crossed = await admin.Http.GetAsync($"/api/v1/conversations/{others[0].ConversationId}/messages/{text.MessageId}/original");

        Assert.Equal(HttpStatusCode.NotFound, ofBot.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
    }

    [Fact]
    public async Task Fuzzed_ids_and_query_values_never_get_a_5xx_and_every_refusal_is_a_problem_document()
    {
        var (_, _, messages) = await PushHtmlMailAsync();
        using var admin = await SignInAsync("shop", "admin", "admin-password");
        var real = messages[0];
        var ids = Gen.OneOf(
            Gen.Const(real.ConversationId.ToString()), Gen.Const(real.MessageId.ToString()), Gen.Guid.Select(g => g.ToString()),
            Gen.String[0, 40].Select(Uri.EscapeDataString), Gen.Const("00000000-0000-0000-0000-000000000000"));
        var remote = Gen.OneOf(Gen.Const(""), Gen.Const("?remoteImages=true"), Gen.Const("?remoteImages=false"),
            Gen.String[0, 20].Select(s => "?remoteImages=" + Uri.EscapeDataString(s)));

        await Gen.Select(ids, ids, remote).SampleAsync(async sample =>
        {
            var (conversation, message, query) = sample;
            var response = await admin.Http.GetAsync($"/api/v1/conversations/{conversation}/messages/{message}/original{query}");
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for {conversation}/{message}{query}");
            if (status >= 400 && status != 404 && status != 405)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }, seed: "C0nversat1on", iter: 150, threads: 1);
    }

    /// <summary>Pushes <see cref="OriginalMailSamples.HtmlMail"/> through the inbound hook; returns it, its bytes and the messages it became.</summary>
    private async Task<(MimeKit.MimeMessage Mail, byte[] Raw, IReadOnlyList<ChatMessage> Messages)> PushHtmlMailAsync()
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var mail = OriginalMailSamples.HtmlMail(customer, "Mila Original", "Damaged parcel " + Guid.NewGuid().ToString("N")[..6]);
        var raw = EmailGatewayFixture.Raw(mail);
        (await email.PushAsync(raw, email.Sign(raw))).EnsureSuccessStatusCode();
        var messages = (await email.HistoryAsync(customer)).Where(m => m.Direction == MessageDirection.Customer).ToList();
        Assert.Equal(3, messages.Count); // the text, the inline logo, the invoice
        return (mail, raw, messages);
    }

    private async Task<ApiSession> SignInAsync(string tenant, string username, string password) =>
        await ApiSession.SignInAsync(email.App.CreateClient(), tenant, username, password);

    /// <summary>An admin of a second tenant (created once; the collection's host is shared).</summary>
    private async Task<ApiSession> OtherTenantAsync()
    {
        var created = await email.Http.PostAsJsonAsync("/api/v1/platform/tenants",
            new { slug = "other-mail-shop", name = "Other shop", adminUsername = "admin", adminPassword = "other-password" });
        Assert.True(created.IsSuccessStatusCode || created.StatusCode == HttpStatusCode.Conflict, $"{(int)created.StatusCode}");
        return await SignInAsync("other-mail-shop", "admin", "other-password");
    }

    private static async Task<JsonElement> OriginalAsync(ApiSession session, Guid conversationId, Guid messageId, string query = "")
    {
        var response = await session.Http.GetAsync($"/api/v1/conversations/{conversationId}/messages/{messageId}/original{query}");
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
