using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Testing;

namespace Conversations.Channels.Vk.Tests;

/// <summary>A send refused for the community token (error 5 or 27) disables the account: nothing more is sent or accepted with it.</summary>
public sealed class VkTokenRefusedTests(VkGatewayFixture vk) : IClassFixture<VkGatewayFixture>
{
    [Fact]
    public async Task Error_27_on_send_fails_the_message_for_good_and_disables_the_account_so_its_notifications_are_refused()
    {
        var user = VkGatewayFixture.NewUserId();
        vk.Vk.FailNext("messages.send", 27, "Group authorization failed: method is unavailable with group auth.", peerId: user);

        Assert.Equal("ok", await (await vk.NotifyAsync(vk.Notification("message_new", VkGatewayFixture.MessageNew(user, "hello")))).Content.ReadAsStringAsync());

        await Eventually.HoldsAsync(async () => (await vk.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Failed, "the reply Failed");
        Assert.Contains("27", (await vk.DeliveryOfLastBotMessageAsync(user))!.LastError, StringComparison.Ordinal);
        var account = App(vk);
        await Eventually.HoldsAsync(async () => (await account.GetAsync())?.Enabled == false, "the account disabled");
        Assert.Single(vk.SendsTo(user));
        var other = VkGatewayFixture.NewUserId();
        await Eventually.HoldsAsync(async () => (await vk.NotifyAsync(vk.Notification("message_new", VkGatewayFixture.MessageNew(other, "after")))).StatusCode == System.Net.HttpStatusCode.Forbidden,
            "notifications of the disabled community refused");
    }

    private static IChannelAccountGrain App(VkGatewayFixture vk) =>
        vk.App.Grains.GetGrain<IChannelAccountGrain>(new ChannelAccountKey(ChannelKind.Vk, VkGatewayFixture.GroupId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToGrainKey());
}
