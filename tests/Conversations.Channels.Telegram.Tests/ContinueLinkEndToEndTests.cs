using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// "Continue in messenger" through the real host: a website visitor asks the widget for links, opens the Telegram one
/// (the Bot API stand-in delivers <c>/start &lt;token&gt;</c>) and is the same customer with one conversation; a token
/// works once, for an hour, and only in its own tenant.
/// </summary>
public sealed class ContinueLinkEndToEndTests : IAsyncLifetime
{
    private const string Token = "555888:AAE-continue-token-abcdefghijklm";
    private const string BotUsername = "shop_link_bot";
    private const string WidgetKey = "continue-widget";

    // Starts at the real time: operator tokens are checked against it.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TelegramSmtpHost _host = null!;
    private ApiSession _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await TelegramSmtpHost.StartAsync("continue", Token, BotUsername, _clock);
        _admin = await ApiSession.SignInAsync(_host.App.CreateClient(), "continue", "admin", "admin-password");
        (await _admin.PostAsync("/api/v1/admin/channels/widgets", new { title = "Shop", key = WidgetKey })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_visitor_who_opens_the_Telegram_link_is_the_same_customer_and_the_conversation_continues()
    {
        using var visitor = await VisitorAsync();
        var sent = await (await visitor.PostAsJsonAsync($"/widget/v1/{WidgetKey}/messages", new { clientMessageId = "m1", text = "Где мой заказ 1042?" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var widgetConversation = sent.GetProperty("conversationId").GetGuid();

        var links = await (await visitor.PostAsync($"/widget/v1/{WidgetKey}/continue-links", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var token = links.GetProperty("token").GetString()!;
        var telegram = Assert.Single(links.GetProperty("links").EnumerateArray());
        Assert.Equal("Telegram", telegram.GetProperty("channel").GetString());
        // The Bot API's deep link: t.me/<bot username>?start=<1-64 of A-Za-z0-9_->.
        Assert.Equal($"https://t.me/{BotUsername}?start={token}", telegram.GetProperty("url").GetString());
        Assert.Matches("^[A-Za-z0-9_-]{1,64}$", token);

        const long user = 7_300_001;
        await _host.PostAsync(Fixture.Load("text", user, text: "/start " + token));
        await _host.PostAsync(Fixture.Load("text", user, text: "Это я, с сайта"));

        var customer = await CustomerOfWidgetAsync(sent);
        await Eventually.HoldsAsync(async () => await TelegramCustomerAsync(user) == customer, "the Telegram identity joined the visitor's customer");
        var profile = (await _host.App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(_host.TenantId, customer).ToGrainKey()).GetProfileAsync())!;
        Assert.Equal([ChannelKind.Telegram, ChannelKind.Widget], profile.Identities.Select(i => i.Key.Kind).Order());
        Assert.Equal(widgetConversation, profile.CurrentConversationId);
        var history = await _host.App.Grains.GetGrain<IConversationGrain>(new ConversationKey(_host.TenantId, widgetConversation).ToGrainKey())
            .GetHistoryAsync(new HistoryQuery(AfterSeq: 0, Limit: 100, IncludeEvents: false));
        var fromCustomer = history.Where(m => m.Direction == MessageDirection.Customer).Select(m => (m.Channel, m.Content.ToPlainText())).ToList();
        Assert.Contains((ChannelKind.Widget, "Где мой заказ 1042?"), fromCustomer);
        Assert.Contains((ChannelKind.Telegram, "Это я, с сайта"), fromCustomer);

        var audit = await _admin.GetAsync($"/api/v1/customers/{customer}/audit");
        var linked = Assert.Single(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "linked");
        Assert.Contains("continue-link", linked.GetProperty("details").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spent_or_expired_token_links_nothing_and_the_customer_starts_a_normal_conversation()
    {
        var customer = await CustomerOfWidgetAsync(await WidgetMessageAsync());
        var first = await OperatorLinksAsync(customer);
        const long opener = 7_300_101;
        const long latecomer = 7_300_102;
        await _host.PostAsync(Fixture.Load("text", opener, text: "/start " + first));
        await Eventually.HoldsAsync(async () => await TelegramCustomerAsync(opener) == customer, "the first opener linked");

        await _host.PostAsync(Fixture.Load("text", latecomer, text: "/start " + first));
        await Eventually.HoldsAsync(async () => await TelegramCustomerAsync(latecomer) is not null, "the second opener has a customer");
        Assert.NotEqual(customer, await TelegramCustomerAsync(latecomer));

        var second = await OperatorLinksAsync(customer);
        _clock.Advance(ContinueLinkToken.Lifetime + TimeSpan.FromSeconds(1));
        const long tooLate = 7_300_103;
        await _host.PostAsync(Fixture.Load("text", tooLate, text: "/start " + second));
        await Eventually.HoldsAsync(async () => await TelegramCustomerAsync(tooLate) is not null, "the late opener has a customer");
        Assert.NotEqual(customer, await TelegramCustomerAsync(tooLate));
        var profile = (await _host.App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(_host.TenantId, customer).ToGrainKey()).GetProfileAsync())!;
        Assert.Equal(2, profile.Identities.Count); // the widget and the first opener only
    }

    [Fact]
    public async Task A_token_of_another_tenant_links_nothing_and_stays_valid_there()
    {
        var otherTenant = Guid.NewGuid();
        var otherCustomer = Guid.NewGuid();
        var token = ContinueLinkToken.New();
        var grainKey = ContinueLinkToken.ToGrainKey(otherTenant, token);
        await _host.App.Grains.GetGrain<IContinueLinkTokenGrain>(grainKey).IssueAsync(otherCustomer, _clock.GetUtcNow().AddHours(1));

        const long user = 7_300_201;
        await _host.PostAsync(Fixture.Load("text", user, text: "/start " + token));
        await Eventually.HoldsAsync(async () => await TelegramCustomerAsync(user) is not null, "the opener has a customer");

        Assert.NotEqual(otherCustomer, await TelegramCustomerAsync(user));
        var there = new ChannelIdentityKey(otherTenant, ChannelKind.Telegram, "1", "2");
        Assert.Equal(otherCustomer, await _host.App.Grains.GetGrain<IContinueLinkTokenGrain>(grainKey).RedeemAsync(there));
    }

    [Fact]
    public async Task The_inbox_channel_filter_offers_the_tenants_own_channels_only()
    {
        // This tenant has a Telegram bot and a widget; no other kind of channel is offered to filter by.
        var kinds = await _admin.GetAsync("/api/v1/channels");

        Assert.Equal(["Telegram", "Widget"], kinds.EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task Links_for_a_customer_of_another_tenant_are_not_found()
    {
        var response = await _admin.PostAsync($"/api/v1/customers/{Guid.NewGuid()}/continue-links");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> OperatorLinksAsync(Guid customer)
    {
        var response = await _admin.PostAsync($"/api/v1/customers/{customer}/continue-links");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<JsonElement> WidgetMessageAsync()
    {
        using var visitor = await VisitorAsync();
        return await (await visitor.PostAsJsonAsync($"/widget/v1/{WidgetKey}/messages", new { clientMessageId = "m1", text = "Здравствуйте" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpClient> VisitorAsync()
    {
        var visitor = _host.App.CreateClient();
        var session = await (await visitor.PostAsJsonAsync($"/widget/v1/{WidgetKey}/session", new { })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        visitor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());
        return visitor;
    }

    private async Task<Guid> CustomerOfWidgetAsync(JsonElement sent)
    {
        var conversation = await _host.App.Grains.GetGrain<IConversationGrain>(
            new ConversationKey(_host.TenantId, sent.GetProperty("conversationId").GetGuid()).ToGrainKey()).GetViewAsync();
        return conversation!.CustomerId;
    }

    private Task<Guid?> TelegramCustomerAsync(long user) =>
        _host.App.Grains.GetGrain<IChannelIdentityGrain>(new ChannelIdentityKey(_host.TenantId, ChannelKind.Telegram,
            _host.BotId.ToString(CultureInfo.InvariantCulture), user.ToString(CultureInfo.InvariantCulture)).ToGrainKey()).GetCustomerIdAsync();
}
