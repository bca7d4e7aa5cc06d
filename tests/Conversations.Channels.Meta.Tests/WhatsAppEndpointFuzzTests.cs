using System.Net.Http.Json;
using System.Text;
using CsCheck;
using Conversations.Testing.Channels;

namespace Conversations.Channels.Meta.Tests;

/// <summary>The new endpoints besides the webhook POST (fuzzed by the conformance suite) never answer 5xx, whatever they get.</summary>
public sealed class WhatsAppEndpointFuzzTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    private const int Count = 100;

    [Fact]
    public async Task Fuzzed_handshake_queries_never_get_a_server_error()
    {
        var values = Gen.OneOf(Gen.Const("subscribe"), Gen.Const(WhatsAppGatewayFixture.VerifyToken), Gen.String[0, 2000], Gen.Const(""));
        var sent = 0;
        await Gen.Select(values, values, values, Gen.OneOf(Gen.Const(WhatsAppGatewayFixture.AppId), Gen.String[1, 40])).SampleAsync(async t =>
        {
            sent++;
            var (mode, token, challenge, app) = t;
            var url = $"/webhooks/whatsapp/{Uri.EscapeDataString(app)}?hub.mode={Uri.EscapeDataString(mode)}&hub.verify_token={Uri.EscapeDataString(token)}&hub.challenge={Uri.EscapeDataString(challenge)}";
            var response = await whatsApp.Http.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {url}");
        }, seed: ChannelConformanceTests<WhatsAppConformanceDriver>.FuzzSeed, iter: Count, threads: 1);

        Assert.Equal(Count, sent);
    }

    [Fact]
    public async Task Fuzzed_connect_requests_never_get_a_server_error_and_never_echo_the_token()
    {
        var field = Gen.OneOf(Gen.Const(WhatsAppGatewayFixture.AppId), Gen.Const(WhatsAppGatewayFixture.PhoneNumberId), Gen.String[0, 100],
            Gen.Char["0123456789"].Array[1, 40].Select(c => new string(c)));
        var sent = 0;
        await Gen.Select(field, field, field, Gen.String[0, 300]).SampleAsync(async t =>
        {
            sent++;
            var (appId, phoneNumberId, wabaId, token) = t;
            var response = await whatsApp.ConnectAsync(new { appId, phoneNumberId, wabaId, accessToken = token });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {body}");
            Assert.True(token.Length < 20 || !body.Contains(token, StringComparison.Ordinal), "the token is echoed");
        }, seed: ChannelConformanceTests<WhatsAppConformanceDriver>.FuzzSeed, iter: Count, threads: 1);

        var raw = await whatsApp.Http.PostAsync("/api/v1/platform/tenants/shop/whatsapp-numbers", new ByteArrayContent(Encoding.UTF8.GetBytes("{\"appId\": 5")));
        Assert.Equal(Count, sent);
        Assert.True((int)raw.StatusCode is >= 400 and < 500);
    }

    [Fact]
    public async Task Fuzzed_template_registrations_syncs_and_removals_never_get_a_server_error()
    {
        using var admin = await Conversations.Testing.ApiSession.SignInAsync(whatsApp.App.CreateClient(), "shop", "admin", "admin-password");
        var text = Gen.OneOf(Gen.Const("order_update"), Gen.Const("en_US"), Gen.Const("UTILITY"), Gen.Const("APPROVED"), Gen.Const("Hi {{1}} {{name}}"),
            Gen.String[0, 80], Gen.Char["a_z{}1 "].Array[0, 30].Select(c => new string(c)), Gen.Const((string)null!));
        var sent = 0;
        await Gen.Select(text, text, text, text, text, Gen.Int[0, 3]).SampleAsync(async t =>
        {
            sent++;
            var (name, language, status, category, body, action) = t;
            var response = action switch
            {
                0 => await admin.PostAsync("/api/v1/admin/whatsapp-templates", new { name, language, status, category, body }),
                1 => await admin.PostAsync("/api/v1/admin/whatsapp-templates/sync"),
                2 => await admin.Http.DeleteAsync($"/api/v1/admin/whatsapp-templates/{Uri.EscapeDataString(name ?? "x")}/{Uri.EscapeDataString(language ?? "x")}"),
                _ => await admin.Http.GetAsync("/api/v1/whatsapp-templates"),
            };
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for action {action}: {await response.Content.ReadAsStringAsync()}");
        }, seed: ChannelConformanceTests<WhatsAppConformanceDriver>.FuzzSeed, iter: Count, threads: 1);

        Assert.Equal(Count, sent);
    }
}
