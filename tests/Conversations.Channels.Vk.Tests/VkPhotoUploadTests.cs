using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;

namespace Conversations.Channels.Vk.Tests;

/// <summary>Outbound images go through VK's photo upload flow and arrive as a photo attachment; one that cannot be fetched goes as its link.</summary>
public sealed class VkPhotoUploadTests(VkGatewayFixture vk) : IClassFixture<VkGatewayFixture>
{
    [Fact]
    public async Task An_image_is_uploaded_saved_and_sent_as_a_photo_attachment_with_its_caption()
    {
        var user = VkGatewayFixture.NewUserId();
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];
        var url = vk.Vk.ServeFile("bouquet.jpg", jpeg, "image/jpeg");

        var result = await SendAsync(user, new ImageContent(url, null, "Your bouquet"));

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        Assert.Single(vk.Vk.Succeeded("photos.getMessagesUploadServer"), c => c.Field("peer_id") == Peer(user));
        var seen = Assert.Single(vk.Vk.SeenBy(user));
        Assert.Equal("Your bouquet", seen.Text);
        Assert.NotNull(seen.Attachment);
        Assert.StartsWith($"photo-{VkGatewayFixture.GroupId}_", seen.Attachment, StringComparison.Ordinal);
        Assert.Equal(jpeg, vk.Vk.PhotoOf(seen.Attachment));
    }

    [Fact]
    public async Task An_image_that_cannot_be_fetched_goes_as_its_link_without_an_upload()
    {
        var user = VkGatewayFixture.NewUserId();
        var url = vk.Vk.ServeFile("x.jpg", [1], "image/jpeg").Replace("x.jpg", "missing.jpg", StringComparison.Ordinal);
        var uploadsBefore = vk.Vk.CallsOf("photos.getMessagesUploadServer").Count;

        var result = await SendAsync(user, new ImageContent(url, null, "Your bouquet"));

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        Assert.Equal(uploadsBefore, vk.Vk.CallsOf("photos.getMessagesUploadServer").Count);
        var seen = Assert.Single(vk.Vk.SeenBy(user));
        Assert.Null(seen.Attachment);
        Assert.Equal($"Your bouquet\n{url}", seen.Text);
    }

    private static string Peer(long user) => user.ToString(CultureInfo.InvariantCulture);

    private async Task<DeliveryResult> SendAsync(long user, MessageContent content)
    {
        var account = await vk.App.Grains.GetGrain<IChannelAccountGrain>(
            new ChannelAccountKey(ChannelKind.Vk, VkGatewayFixture.GroupId.ToString(CultureInfo.InvariantCulture)).ToGrainKey()).GetAsync();
        var message = new OutboundMessage(Guid.NewGuid(), vk.TenantId, Guid.NewGuid(),
            new ChannelAddress(ChannelKind.Vk, VkGatewayFixture.GroupId.ToString(CultureInfo.InvariantCulture), Peer(user)), content, 1, false);
        return await vk.App.Service<VkSender>().SendAsync(account!, message, CancellationToken.None);
    }
}
