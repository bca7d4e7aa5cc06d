using System.Net;
using Conversations.Abstractions.Messages;
using Conversations.Testing;

namespace Conversations.Channels.Viber.Tests;

/// <summary>A send refused for the bot's token (status 2) disables the account: nothing more is sent or accepted with it.</summary>
public sealed class ViberTokenRefusedTests(ViberGatewayFixture viber) : IClassFixture<ViberGatewayFixture>
{
    [Fact]
    public async Task Status_2_on_send_fails_the_message_for_good_and_disables_the_account_so_its_callbacks_are_refused()
    {
        var user = ViberGatewayFixture.NewUserId();
        viber.Viber.FailNext("send_message", 2, "invalidAuthToken", receiver: user);

        Assert.Equal(HttpStatusCode.OK, (await viber.CallbackAsync(viber.Text(user, "hello"))).StatusCode);

        await Eventually.HoldsAsync(async () => (await viber.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Failed, "the reply Failed");
        Assert.Contains("2 invalidAuthToken", (await viber.DeliveryOfLastBotMessageAsync(user))!.LastError, StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () => (await viber.AccountAsync())?.Enabled == false, "the account disabled");
        Assert.Single(viber.Viber.CallsOf("send_message"), c => c.Field("receiver") == user);
        await Eventually.HoldsAsync(async () => (await viber.CallbackAsync(viber.Text(ViberGatewayFixture.NewUserId(), "after"))).StatusCode == HttpStatusCode.Forbidden,
            "callbacks of the disabled bot refused");
    }
}
