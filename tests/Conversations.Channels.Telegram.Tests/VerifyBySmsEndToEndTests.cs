using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Tenants;
using Conversations.Channels.Notifications;
using Conversations.Testing;
using Conversations.Testing.EventsOut;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// A scenario's verify step by SMS through the real host: the code goes out through the pluggable SMS sender (by default
/// the tenant's notification webhook, event <c>sms.send</c>, signed like every notification) to the number the customer
/// typed, in E.164; the right code confirms the phone, and a second Telegram account that confirms the same number is the
/// same customer.
/// </summary>
public sealed partial class VerifyBySmsEndToEndTests : IAsyncLifetime
{
    private const string Token = "555666:AAE-sms-verify-token-abcdefghijk";
    private const string Secret = "sms-webhook-secret-0123456789abcdef";
    private const string Scenario = """
        { "start": "phone", "language": "en", "steps": [
          { "id": "phone", "kind": "input", "validate": "phone", "text": "Your phone number?", "next": "verify", "onFail": "failed" },
          { "id": "verify", "kind": "verify", "channel": "phone", "text": "We sent a code to {verify.destination}.", "next": "done", "onFail": "failed" },
          { "id": "done", "kind": "end", "text": "Confirmed: {customer.phone}" },
          { "id": "failed", "kind": "end", "text": "Could not confirm." } ] }
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private TelegramSmtpHost _host = null!;
    private WebhookReceiver _business = null!;

    public async Task InitializeAsync()
    {
        _business = await WebhookReceiver.StartAsync();
        // The business's webhook is on loopback here; the platform refuses private addresses unless allow-listed.
        _host = await TelegramSmtpHost.StartAsync("smsverify", Token, "sms_verify_bot", _clock,
            new Dictionary<string, string?> { ["Outbound:AllowedNetworks:0"] = "127.0.0.1/32" });
        var tenant = _host.App.Grains.GetGrain<ITenantGrain>(_host.TenantId);
        await tenant.UpdateSettingsAsync(await tenant.GetSettingsAsync() with { NotificationWebhookUrl = _business.Url, WebhookSecret = Secret });
        await _host.App.Grains.GetGrain<IScenarioGrain>(_host.TenantId).PublishAsync(Scenario);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _business.DisposeAsync();
    }

    [Fact]
    public async Task A_code_sent_by_sms_confirms_the_phone_and_links_a_second_account_that_confirms_the_same_number()
    {
        const long ivan = 6161;
        const long ivanTablet = 6262;

        var code = await AskForCodeAsync(ivan, "8 (900) 123-45-67", sms: 1);
        await _host.PostAsync(Fixture.Load("text", ivan, text: code));
        await Eventually.AdvanceUntilAsync(_clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10),
            () => Task.FromResult(_host.Texts(ivan).Any(t => t.StartsWith("Confirmed: +79001234567", StringComparison.Ordinal))), "the phone confirmed");
        var customer = (await CustomerOfAsync(ivan))!.Value;
        await Eventually.HoldsAsync(async () => (await ProfileAsync(customer)).Identities.Any(i => i.Verified?.Phone == "+79001234567"),
            "the phone a verified fact of the identity");

        var second = await AskForCodeAsync(ivanTablet, "+7 900 123 45 67", sms: 2);
        Assert.NotEqual(customer, await CustomerOfAsync(ivanTablet));
        await _host.PostAsync(Fixture.Load("text", ivanTablet, text: second));

        await Eventually.HoldsAsync(async () => await CustomerOfAsync(ivanTablet) == customer, "the second account linked to the first customer");
        Assert.Equal(2, (await ProfileAsync(customer)).Identities.Count);
    }

    /// <summary>Walks <paramref name="user"/> to the code and returns it, read from the signed sms.send call the business received.</summary>
    private async Task<string> AskForCodeAsync(long user, string typedPhone, int sms)
    {
        await _host.PostAsync(Fixture.Load("text", user, text: "/start"));
        await Eventually.HoldsAsync(() => _host.Texts(user).Contains("Your phone number?"), "the question");
        await _host.PostAsync(Fixture.Load("text", user, text: typedPhone));
        await Eventually.HoldsAsync(() => _business.Received.Count(r => r.Event == WebhookSmsSender.Event) == sms,
            "the sms.send call");

        var call = _business.Received.Where(r => r.Event == WebhookSmsSender.Event).ElementAt(sms - 1);
        var timestamp = long.Parse(call.Timestamp!, CultureInfo.InvariantCulture);
        Assert.True(WebhookSignature.Verify(Secret, timestamp, call.Body, call.Signature!), "signed with the tenant's webhook secret");
        using var body = JsonDocument.Parse(call.Body);
        Assert.Equal("sms.send", body.RootElement.GetProperty("event").GetString());
        Assert.Equal("+79001234567", body.RootElement.GetProperty("to").GetString());
        Assert.Contains(_host.Texts(user), t => t.StartsWith("We sent a code to +79001234567.", StringComparison.Ordinal));
        var code = CodePattern().Match(body.RootElement.GetProperty("text").GetString()!).Value;
        Assert.Matches("^[0-9]{6}$", code);
        return code;
    }

    private async Task<Guid?> CustomerOfAsync(long user) =>
        await _host.App.Grains.GetGrain<IChannelIdentityGrain>(new ChannelIdentityKey(_host.TenantId, ChannelKind.Telegram, "555666",
            user.ToString(CultureInfo.InvariantCulture)).ToGrainKey()).GetCustomerIdAsync();

    private async Task<CustomerProfile> ProfileAsync(Guid customer) =>
        (await _host.App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(_host.TenantId, customer).ToGrainKey()).GetProfileAsync())!;

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex CodePattern();
}
