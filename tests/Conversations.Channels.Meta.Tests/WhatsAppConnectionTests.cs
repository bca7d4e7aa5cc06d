using System.Net;
using System.Net.Http.Json;

namespace Conversations.Channels.Meta.Tests;

/// <summary>Connecting a number: the token checked with a Graph call, never shown back; bad input named.</summary>
public sealed class WhatsAppConnectionTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    [Fact]
    public async Task A_connected_number_is_listed_without_its_token_and_with_its_verified_name()
    {
        var body = await whatsApp.Http.GetStringAsync("/api/v1/platform/tenants/shop/channels");

        Assert.Contains(WhatsAppGatewayFixture.PhoneNumberId, body, StringComparison.Ordinal);
        Assert.Contains("Shop (+1 555-078-3881)", body, StringComparison.Ordinal);
        Assert.DoesNotContain(WhatsAppGatewayFixture.Token, body, StringComparison.Ordinal);
        Assert.Contains(whatsApp.Graph.Calls, c => c.Method == "GET" && c.Path == WhatsAppGatewayFixture.PhoneNumberId && c.Token == WhatsAppGatewayFixture.Token);
    }

    [Fact]
    public async Task Connecting_answers_the_callback_url_and_never_echoes_the_token()
    {
        var response = await whatsApp.ConnectAsync(new
        {
            appId = WhatsAppGatewayFixture.AppId, phoneNumberId = WhatsAppGatewayFixture.PhoneNumberId, wabaId = WhatsAppGatewayFixture.WabaId,
            accessToken = WhatsAppGatewayFixture.Token,
        });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains($"https://chat.example.com/webhooks/whatsapp/{WhatsAppGatewayFixture.AppId}", body, StringComparison.Ordinal);
        Assert.DoesNotContain(WhatsAppGatewayFixture.Token, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WhatsAppGatewayFixture.AppId, WhatsAppGatewayFixture.PhoneNumberId, "EAAG-a-token-meta-refuses-000000000", "accessToken")]
    [InlineData("555", WhatsAppGatewayFixture.PhoneNumberId, WhatsAppGatewayFixture.Token, "appId")]
    [InlineData(WhatsAppGatewayFixture.AppId, "+1 555 0783881", WhatsAppGatewayFixture.Token, "phoneNumberId")]
    [InlineData(WhatsAppGatewayFixture.AppId, WhatsAppGatewayFixture.PhoneNumberId, "short", "accessToken")]
    public async Task Wrong_credentials_are_400_naming_the_field_and_nothing_is_connected(string appId, string phoneNumberId, string token, string field)
    {
        var response = await whatsApp.ConnectAsync(new { appId, phoneNumberId, wabaId = WhatsAppGatewayFixture.WabaId, accessToken = token });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, body, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Length > 10 ? token : "\u0000", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_admin_connects_a_number_through_the_admin_api()
    {
        using var admin = whatsApp.App.CreateClient();
        var login = await (await admin.PostAsJsonAsync("/api/v1/auth/login", new { tenant = "shop", username = "admin", password = "admin-password" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
        whatsApp.Graph.AddPhoneNumber("200300400500", "EAAG-second-number-token-abcdefghijkl", "+1 555-000-0002", "Shop two");

        var response = await admin.PostAsJsonAsync("/api/v1/admin/channels/whatsapp-numbers",
            new { appId = WhatsAppGatewayFixture.AppId, phoneNumberId = "200300400500", wabaId = WhatsAppGatewayFixture.WabaId, accessToken = "EAAG-second-number-token-abcdefghijkl" });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Contains("200300400500", await admin.GetStringAsync("/api/v1/admin/channels"), StringComparison.Ordinal);
    }
}
