using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;

namespace Conversations.Grains.Tests;

/// <summary>Identities that carry the same verified fact in a tenant are one customer; unverified ones never link.</summary>
public sealed class CustomerLinkingTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    private static long _ids = 880_000;
    private readonly IClusterClient _grains = fixture.Client;

    [Fact]
    public async Task A_Telegram_contact_share_and_a_WhatsApp_message_from_the_same_number_are_one_customer()
    {
        var tenant = Guid.NewGuid();
        var telegramUser = NextId();

        var hello = await _grains.SendAsync(Inbound.Text(tenant, telegramUser, "/start"));
        var share = await _grains.SendAsync(OwnContact(tenant, telegramUser, "79001234567"));
        var whatsApp = await _grains.SendAsync(WhatsApp(tenant, "79001234567", "Это я же, из WhatsApp"));

        Assert.Equal(hello.CustomerId, share.CustomerId);
        Assert.Equal(hello.CustomerId, whatsApp.CustomerId);
        Assert.Equal(hello.ConversationId, whatsApp.ConversationId);
        var profile = await _grains.Customer(hello).GetProfileAsync();
        Assert.Equal([ChannelKind.Telegram, ChannelKind.WhatsApp], profile!.Identities.Select(i => i.Key.Kind).Order());
        Assert.Contains("+79001234567", profile.Phones);
        Assert.All(profile.Identities, i => Assert.Equal("+79001234567", PhoneNumbers.ToE164(i.Verified?.Phone)));

        // One history: each message keeps the channel it came from, and replies go where the customer wrote last.
        var history = await _grains.Conversation(hello).GetHistoryAsync(new HistoryQuery(IncludeBot: false, IncludeEvents: false));
        Assert.Equal([ChannelKind.Telegram, ChannelKind.Telegram, ChannelKind.WhatsApp], history.Where(m => m.Direction == MessageDirection.Customer).Select(m => m.Channel));
        Assert.Equal(ChannelKind.WhatsApp, (await _grains.Conversation(hello).GetViewAsync())!.LastChannel?.Kind);
    }

    [Fact]
    public async Task WhatsApp_first_then_a_Telegram_contact_share_moves_the_Telegram_identity_to_the_WhatsApp_customer()
    {
        var tenant = Guid.NewGuid();
        var telegramUser = NextId();

        var whatsApp = await _grains.SendAsync(WhatsApp(tenant, "+7 900 765-43-21", "Здравствуйте"));
        var telegram = await _grains.SendAsync(Inbound.Text(tenant, telegramUser, "/start"));
        var share = await _grains.SendAsync(OwnContact(tenant, telegramUser, "+79007654321"));
        var after = await _grains.SendAsync(Inbound.Text(tenant, telegramUser, "и ещё"));

        Assert.NotEqual(whatsApp.CustomerId, telegram.CustomerId);
        Assert.Equal(whatsApp.CustomerId, share.CustomerId);
        Assert.Equal(whatsApp.CustomerId, after.CustomerId);
        Assert.Equal(whatsApp.CustomerId, await _grains.GetGrain<IChannelIdentityGrain>(Inbound.Text(tenant, telegramUser, "x").Identity.ToGrainKey()).GetCustomerIdAsync());
        var survivor = await _grains.Customer(whatsApp).GetProfileAsync();
        Assert.Equal(2, survivor!.Identities.Count);
        var left = await _grains.Customer(telegram).GetProfileAsync();
        Assert.Empty(left!.Identities);
    }

    [Fact]
    public async Task Someone_elses_contact_and_a_typed_phone_link_nothing()
    {
        var tenant = Guid.NewGuid();
        var first = NextId();
        var second = NextId();

        var owner = await _grains.SendAsync(OwnContact(tenant, first, "79005550001"));
        // The second user forwards the first one's contact card: Telegram's user_id is the first user's, not theirs.
        var forwarded = await _grains.SendAsync(Inbound.Telegram(tenant, second, new ContactContent("79005550001", "Anna", null, first.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var typed = await _grains.SendAsync(Inbound.Text(tenant, NextId(), "мой номер +7 900 555-00-01"));

        Assert.NotEqual(owner.CustomerId, forwarded.CustomerId);
        Assert.NotEqual(owner.CustomerId, typed.CustomerId);
    }

    [Fact]
    public async Task The_same_verified_phone_in_two_tenants_is_two_customers()
    {
        var (tenantA, tenantB) = (Guid.NewGuid(), Guid.NewGuid());

        var a = await _grains.SendAsync(WhatsApp(tenantA, "79001112233", "A"));
        var b = await _grains.SendAsync(WhatsApp(tenantB, "79001112233", "B"));
        var telegramInB = await _grains.SendAsync(OwnContact(tenantB, NextId(), "+79001112233"));

        Assert.NotEqual(a.CustomerId, b.CustomerId);
        Assert.Equal(b.CustomerId, telegramInB.CustomerId);
        Assert.Single((await _grains.Customer(a).GetProfileAsync())!.Identities);
    }

    [Fact]
    public async Task Identities_with_one_phone_arriving_at_once_make_one_customer()
    {
        var tenant = Guid.NewGuid();
        var users = Enumerable.Range(0, 6).Select(_ => NextId()).ToList();

        var results = await Task.WhenAll(users.Select(u => _grains.SendAsync(OwnContact(tenant, u, "79009990000")))
            .Append(_grains.SendAsync(WhatsApp(tenant, "79009990000", "hi"))));

        Assert.Single(results.Select(r => r.CustomerId).Distinct());
    }

    private static long NextId() => Interlocked.Increment(ref _ids);

    private static InboundMessage OwnContact(Guid tenant, long userId, string phone)
    {
        var user = userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Inbound.Telegram(tenant, userId, new ContactContent(phone, "Anna", null, user)) with { Verified = new VerifiedFacts(Phone: phone) };
    }

    private static InboundMessage WhatsApp(Guid tenant, string waId, string text)
    {
        var id = Interlocked.Increment(ref _ids).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var from = new string([.. waId.Where(char.IsAsciiDigit)]);
        return new InboundMessage(
            new ChannelIdentityKey(tenant, ChannelKind.WhatsApp, "1550000", from), new ChannelAddress(ChannelKind.WhatsApp, "1550000", from),
            $"wa:1550000:{id}", id, new TextContent(text), DateTimeOffset.UtcNow, new SenderProfile("Anna"), new VerifiedFacts(Phone: waId));
    }
}
