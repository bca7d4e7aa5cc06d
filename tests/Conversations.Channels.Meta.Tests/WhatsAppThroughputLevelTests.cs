using System.Net;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// A number's throughput level (Graph <c>GET /{phone-number-id}?fields=throughput</c>) is read on connect, shown in the
/// platform and admin APIs and paces the number, unless the admin gives the number a rate of its own.
/// </summary>
public sealed class WhatsAppThroughputLevelTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    private const string HighNumber = "300400500601";
    private const string OwnRateNumber = "300400500602";
    private const string HighToken = "EAAG-high-throughput-number-token-abcdefgh";

    [Fact]
    public async Task A_number_on_the_high_level_is_shown_with_1000_a_second_and_paced_at_it()
    {
        whatsApp.Graph.AddPhoneNumber(HighNumber, HighToken, "+1 555-000-0601", "Shop high", "HIGH");

        var connected = await ConnectAsync(HighNumber, HighToken);
        var listed = await ListedAsync(HighNumber);

        Assert.Contains(whatsApp.Graph.Calls, c => c.Method == "GET" && c.Path == HighNumber && c.Token == HighToken);
        AssertThroughput(connected.GetProperty("account"), "HIGH", 1000, paced: 1000);
        AssertThroughput(listed, "HIGH", 1000, paced: 1000);

        Assert.Equal(1000, await SendsAllowedAtOnceAsync(HighNumber));
    }

    [Fact]
    public async Task An_admins_own_rate_paces_the_number_instead_of_its_level()
    {
        whatsApp.Graph.AddPhoneNumber(OwnRateNumber, HighToken, "+1 555-000-0602", "Shop own rate");

        var connected = await ConnectAsync(OwnRateNumber, HighToken, messagesPerSecond: 20);

        AssertThroughput(connected.GetProperty("account"), "STANDARD", 80, paced: 20);
        Assert.Equal(20, await SendsAllowedAtOnceAsync(OwnRateNumber));
    }

    [Fact]
    public async Task The_standard_level_paces_at_80_a_second()
    {
        var listed = await ListedAsync(WhatsAppGatewayFixture.PhoneNumberId);

        AssertThroughput(listed, "STANDARD", 80, paced: 80);
        Assert.Equal(80, await SendsAllowedAtOnceAsync(WhatsAppGatewayFixture.PhoneNumberId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task A_rate_outside_1_to_1000_is_400_naming_messagesPerSecond(double rate)
    {
        var response = await whatsApp.ConnectAsync(new
        {
            appId = WhatsAppGatewayFixture.AppId, phoneNumberId = WhatsAppGatewayFixture.PhoneNumberId, wabaId = WhatsAppGatewayFixture.WabaId,
            accessToken = WhatsAppGatewayFixture.Token, messagesPerSecond = rate,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("messagesPerSecond", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void AssertThroughput(JsonElement account, string level, int messagesPerSecond, double paced)
    {
        var throughput = account.GetProperty("throughput");
        Assert.Equal(level, throughput.GetProperty("level").GetString());
        Assert.Equal(messagesPerSecond, throughput.GetProperty("messagesPerSecond").GetInt32());
        Assert.Equal(paced, throughput.GetProperty("pacedPerSecond").GetDouble());
    }

    private async Task<JsonElement> ConnectAsync(string phoneNumberId, string token, double? messagesPerSecond = null)
    {
        var response = await whatsApp.ConnectAsync(new
        {
            appId = WhatsAppGatewayFixture.AppId, phoneNumberId, wabaId = WhatsAppGatewayFixture.WabaId, accessToken = token, messagesPerSecond,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<JsonElement> ListedAsync(string phoneNumberId)
    {
        var accounts = JsonDocument.Parse(await whatsApp.Http.GetStringAsync("/api/v1/platform/tenants/shop/channels")).RootElement;
        var list = accounts.ValueKind == JsonValueKind.Array ? accounts : accounts.GetProperty("items");
        return list.EnumerateArray().Single(a => a.GetProperty("key").GetProperty("account").GetString() == phoneNumberId).Clone();
    }

    /// <summary>Sends to distinct customers the pacer lets through at one instant: the number's whole budget (one second's worth).</summary>
    private async Task<int> SendsAllowedAtOnceAsync(string phoneNumberId)
    {
        var account = await whatsApp.App.Service<ChannelAccountCache>().GetAsync(new ChannelAccountKey(ChannelKind.WhatsApp, phoneNumberId));
        Assert.NotNull(account);
        var pacer = new DeliveryPacer(Options.Create(new DeliveryOptions()), new FakeTimeProvider(DateTimeOffset.UnixEpoch), new DeliveryShare());
        var allowed = 0;
        while (pacer.TryAcquire(new ChannelAddress(ChannelKind.WhatsApp, phoneNumberId, $"customer-{allowed}"), out _, DeliveryPacer.RateOf(account)))
        {
            allowed++;
        }

        return allowed;
    }
}
