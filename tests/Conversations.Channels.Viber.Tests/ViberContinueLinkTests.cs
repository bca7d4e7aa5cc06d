using System.Net;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;

namespace Conversations.Channels.Viber.Tests;

/// <summary>
/// "Continue in Viber": the link is <c>viber://pa?chatURI=&lt;bot URI&gt;&amp;context=&lt;token&gt;</c>; Viber's
/// conversation_started carries the context, and the Viber identity is that customer before the user writes a word
/// (the welcome message is still the answer). A token works once.
/// </summary>
public sealed class ViberContinueLinkTests(ViberSignedInFixture viber) : IClassFixture<ViberSignedInFixture>
{
    [Fact]
    public async Task Opening_the_viber_link_binds_the_user_to_the_customer_and_their_first_message_joins_that_customer()
    {
        using var admin = await ApiSession.SignInAsync(viber.App.CreateClient(), "shop", "admin", "admin-password");
        var customer = await admin.CrmCustomerAsync("viber-link-1");
        var links = await admin.ContinueLinksAsync(customer);
        var token = links.GetProperty("token").GetString()!;
        var link = Assert.Single(links.GetProperty("links").EnumerateArray(), l => l.GetProperty("channel").GetString() == "Viber");
        // The stand-in's get_account_info gives the bot the URI "shop-bot".
        Assert.Equal($"viber://pa?chatURI=shop-bot&context={token}", link.GetProperty("url").GetString());

        var user = ViberGatewayFixture.NewUserId();
        var opened = await viber.CallbackAsync(viber.Viber.EventCallback("conversation_started", user, context: token));

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(TenantTexts.Defaults[TenantTexts.ViberWelcome], (string?)JsonNode.Parse(await opened.Content.ReadAsStringAsync())!["text"]);
        Assert.Equal(customer, await viber.Identity(user).GetCustomerIdAsync());

        await viber.CallbackAsync(viber.Text(user, "Здравствуйте, продолжаю с сайта"));
        var profile = (await viber.CustomerAsync(user))!;
        Assert.Equal(customer, profile.CustomerId);
        Assert.Contains(profile.Identities, i => i.Key.Kind == ChannelKind.Viber && i.Key.ExternalUserId == user);
        Assert.Contains(await viber.HistoryAsync(user), m => m.Content.ToPlainText() == "Здравствуйте, продолжаю с сайта");
    }

    [Fact]
    public async Task A_spent_token_or_an_ordinary_context_binds_nothing_when_the_chat_is_opened()
    {
        using var admin = await ApiSession.SignInAsync(viber.App.CreateClient(), "shop", "admin", "admin-password");
        var customer = await admin.CrmCustomerAsync("viber-link-2");
        var token = (await admin.ContinueLinksAsync(customer)).GetProperty("token").GetString()!;
        var first = ViberGatewayFixture.NewUserId();
        var second = ViberGatewayFixture.NewUserId();
        var third = ViberGatewayFixture.NewUserId();

        await viber.CallbackAsync(viber.Viber.EventCallback("conversation_started", first, context: token));
        await viber.CallbackAsync(viber.Viber.EventCallback("conversation_started", second, context: token));
        await viber.CallbackAsync(viber.Viber.EventCallback("conversation_started", third, context: "from-site"));

        Assert.Equal(customer, await viber.Identity(first).GetCustomerIdAsync());
        Assert.Null(await viber.Identity(second).GetCustomerIdAsync());
        Assert.Null(await viber.Identity(third).GetCustomerIdAsync());
    }
}
