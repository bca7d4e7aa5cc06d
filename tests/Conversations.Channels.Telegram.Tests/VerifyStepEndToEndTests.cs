using System.Text.RegularExpressions;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// A scenario's verify step through the real host: a Telegram customer types an e-mail address, the code arrives by
/// e-mail through the business-notification SMTP (SMTP sink), a wrong code is refused with the scenario's text, the right
/// one confirms it; a second Telegram account that confirms the same address becomes the same customer.
/// </summary>
public sealed partial class VerifyStepEndToEndTests : IAsyncLifetime
{
    private const string Token = "555777:AAE-verify-token-abcdefghijklmnop";
    private const string Scenario = """
        { "start": "email", "language": "en", "steps": [
          { "id": "email", "kind": "input", "validate": "email", "text": "Your e-mail?", "next": "verify", "onFail": "failed" },
          { "id": "verify", "kind": "verify", "channel": "email", "text": "We sent a code to {verify.destination}.", "next": "done", "onFail": "failed" },
          { "id": "done", "kind": "end", "text": "Confirmed: {customer.email}" },
          { "id": "failed", "kind": "end", "text": "Could not confirm." } ] }
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private TelegramSmtpHost _host = null!;
    private Guid _tenantId;

    public async Task InitializeAsync()
    {
        _host = await TelegramSmtpHost.StartAsync("verify", Token, "verify_bot", _clock);
        _tenantId = _host.TenantId;
        await _host.App.Grains.GetGrain<IScenarioGrain>(_tenantId).PublishAsync(Scenario);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_code_sent_by_email_confirms_the_address_and_links_two_Telegram_accounts_that_confirm_it()
    {
        const long anna = 5151;
        const long annaSecondPhone = 5252;

        var code = await AskForCodeAsync(anna, "anna@example.com", mails: 1);
        await PostAsync(Fixture.Load("text", anna, text: code == "000000" ? "111111" : "000000"));
        await Eventually.HoldsAsync(() => Texts(anna).Contains("That code is not right. Please try again."), "the wrong code refused");
        await PostAsync(Fixture.Load("text", anna, text: code));
        // Per-chat pacing lets three messages go at once, then one a second: let the (fake) seconds pass.
        await Eventually.AdvanceUntilAsync(_clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10),
            () => Task.FromResult(Texts(anna).Contains("Confirmed: anna@example.com")), "the address confirmed");

        var annaCustomer = await CustomerOfAsync(anna);
        await Eventually.HoldsAsync(async () => (await ProfileAsync(annaCustomer)).Identities.Any(i => i.Verified?.Email == "anna@example.com"),
            "the address a verified fact of the identity");
        var secondCustomer = await CustomerOfAsync(annaSecondPhone, beforeFirstMessage: true);
        Assert.Null(secondCustomer);

        // The same person from another Telegram account: a customer of its own until it confirms the same address.
        var second = await AskForCodeAsync(annaSecondPhone, "anna@EXAMPLE.com", mails: 2);
        Assert.NotEqual(annaCustomer, await CustomerOfAsync(annaSecondPhone));
        await PostAsync(Fixture.Load("text", annaSecondPhone, text: second));

        await Eventually.HoldsAsync(async () => await CustomerOfAsync(annaSecondPhone) == annaCustomer, "the second account linked to the first customer");
        var profile = await ProfileAsync(annaCustomer);
        Assert.Equal(2, profile.Identities.Count);
        Assert.Contains("anna@example.com", profile.Emails);
    }

    [Fact]
    public async Task A_verified_address_links_nothing_in_another_tenant()
    {
        var other = Guid.NewGuid();
        var here = new ChannelIdentityKey(_tenantId, ChannelKind.Telegram, "555777", "6161");
        var there = new ChannelIdentityKey(other, ChannelKind.Telegram, "999", "6161");
        foreach (var key in new[] { here, there })
        {
            await _host.App.Grains.GetGrain<IChannelIdentityGrain>(key.ToGrainKey()).IdentifyAsync(
                new ChannelAddress(key.Kind, key.Account, key.ExternalUserId), new Abstractions.Conversations.SenderProfile("Anna"), new VerifiedFacts());
            await _host.App.Grains.GetGrain<IChannelIdentityGrain>(key.ToGrainKey()).AddVerifiedFactsAsync(new VerifiedFacts(Email: "same@example.com"));
        }

        var owners = await Task.WhenAll(new[] { here, there }.Select(k =>
            _host.App.Grains.GetGrain<IContactOwnerGrain>(ContactOwnerKey.Email(k.TenantId, "same@example.com")).GetOwnerAsync()));
        var customers = await Task.WhenAll(new[] { here, there }.Select(k => _host.App.Grains.GetGrain<IChannelIdentityGrain>(k.ToGrainKey()).GetCustomerIdAsync()));
        Assert.Equal(customers, owners);
        Assert.NotEqual(customers[0], customers[1]);
    }

    private async Task<string> AskForCodeAsync(long user, string email, int mails)
    {
        await PostAsync(Fixture.Load("text", user, text: "/start"));
        await Eventually.HoldsAsync(() => Texts(user).Contains("Your e-mail?"), "the question");
        await PostAsync(Fixture.Load("text", user, text: email));
        await Eventually.HoldsAsync(() => _host.Smtp.Mails.Count == mails, "the code e-mail");
        var mail = _host.Smtp.Mails[mails - 1];
        Assert.Equal(["anna@example.com"], mail.To);
        using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Raw));
        var message = await MimeKit.MimeMessage.LoadAsync(raw);
        Assert.Equal("Verification code", message.Subject);
        Assert.Contains(Texts(user), t => t.StartsWith("We sent a code to anna@example.com.", StringComparison.Ordinal));
        var code = CodePattern().Match(message.TextBody ?? "").Value;
        Assert.Matches("^[0-9]{6}$", code);
        return code;
    }

    private async Task<Guid?> CustomerOfAsync(long user, bool beforeFirstMessage = false)
    {
        var identity = _host.App.Grains.GetGrain<IChannelIdentityGrain>(
            new ChannelIdentityKey(_tenantId, ChannelKind.Telegram, "555777", user.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToGrainKey());
        var customer = await identity.GetCustomerIdAsync();
        Assert.True(beforeFirstMessage || customer is not null, "the identity has a customer");
        return customer;
    }

    private async Task<CustomerProfile> ProfileAsync(Guid? customer) =>
        (await _host.App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(_tenantId, customer!.Value).ToGrainKey()).GetProfileAsync())!;

    private IReadOnlyList<string> Texts(long user) => _host.Texts(user);

    private Task PostAsync(string update) => _host.PostAsync(update);

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex CodePattern();
}
