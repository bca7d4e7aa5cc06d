using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Testing;

namespace Conversations.Channels.Vk.Tests;

/// <summary>
/// "Continue in VK": the link an operator gets for a customer is the community's <c>vk.me</c> link with the token as
/// <c>ref</c>; the user's next message carries it (message_new's <c>message.ref</c>) and the VK identity becomes that
/// customer. A token works once.
/// </summary>
public sealed class VkContinueLinkTests(VkSignedInFixture vk) : IClassFixture<VkSignedInFixture>
{
    [Fact]
    public async Task A_user_who_writes_after_opening_the_vk_me_link_is_the_customer_the_link_was_made_for()
    {
        using var admin = await ApiSession.SignInAsync(vk.App.CreateClient(), "shop", "admin", "admin-password");
        var customer = await admin.CrmCustomerAsync("vk-link-1");
        var links = await admin.ContinueLinksAsync(customer);
        var token = links.GetProperty("token").GetString()!;
        var link = Assert.Single(links.GetProperty("links").EnumerateArray(), l => l.GetProperty("channel").GetString() == "Vk");
        Assert.Equal($"https://vk.me/club{VkGatewayFixture.GroupId}?ref={token}&ref_source=continue", link.GetProperty("url").GetString());

        var user = VkGatewayFixture.NewUserId();
        var message = VkGatewayFixture.MessageNew(user, "Здравствуйте, я по ссылке с сайта");
        message["message"]!["ref"] = token;
        message["message"]!["ref_source"] = "continue";
        var response = await vk.NotifyAsync(vk.Notification("message_new", message));

        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal(customer, await vk.Identity(user).GetCustomerIdAsync());
        var profile = (await vk.App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(vk.TenantId, customer).ToGrainKey()).GetProfileAsync())!;
        Assert.Contains(profile.Identities, i => i.Key.Kind == ChannelKind.Vk && i.Key.ExternalUserId == user.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The customer's words are kept as written: the token travelled beside them, not in them.
        Assert.Contains(await vk.HistoryAsync(user), m => m.Content.ToPlainText() == "Здравствуйте, я по ссылке с сайта");
    }

    [Fact]
    public async Task A_spent_ref_links_nothing_and_a_ref_that_is_not_a_token_is_an_ordinary_message()
    {
        using var admin = await ApiSession.SignInAsync(vk.App.CreateClient(), "shop", "admin", "admin-password");
        var customer = await admin.CrmCustomerAsync("vk-link-2");
        var token = (await admin.ContinueLinksAsync(customer)).GetProperty("token").GetString()!;
        var first = VkGatewayFixture.NewUserId();
        var second = VkGatewayFixture.NewUserId();
        var third = VkGatewayFixture.NewUserId();

        await vk.NotifyAsync(vk.Notification("message_new", WithRef(VkGatewayFixture.MessageNew(first, "первый"), token)));
        await vk.NotifyAsync(vk.Notification("message_new", WithRef(VkGatewayFixture.MessageNew(second, "второй"), token)));
        await vk.NotifyAsync(vk.Notification("message_new", WithRef(VkGatewayFixture.MessageNew(third, "из рекламы"), "promo_autumn")));

        Assert.Equal(customer, await vk.Identity(first).GetCustomerIdAsync());
        Assert.NotNull(await vk.Identity(second).GetCustomerIdAsync());
        Assert.NotEqual(customer, await vk.Identity(second).GetCustomerIdAsync());
        Assert.NotNull(await vk.Identity(third).GetCustomerIdAsync());
        Assert.NotEqual(customer, await vk.Identity(third).GetCustomerIdAsync());
    }

    private static System.Text.Json.Nodes.JsonObject WithRef(System.Text.Json.Nodes.JsonObject message, string reference)
    {
        message["message"]!["ref"] = reference;
        return message;
    }
}
