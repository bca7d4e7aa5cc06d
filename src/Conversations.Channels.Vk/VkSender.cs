using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
using Conversations.Channels.Rendering;
using Conversations.Channels.Vk.Api;

namespace Conversations.Channels.Vk;

/// <summary>
/// Sends outbound messages with <c>messages.send</c> (dev.vk.com/method/messages.send): texts up to 9000 characters a
/// message (longer ones split at line breaks, the buttons on the last part), images as photo attachments through VK's
/// upload flow (<see cref="VkPhotoUploader"/>), menus as an inline keyboard when they fit
/// (<see cref="VkKeyboard"/>) and as numbered lines otherwise. Every call carries a <c>random_id</c> derived from our
/// message id and the part (<see cref="VkRandomId"/>), so a retry never shows the customer a message twice.
/// Failures are classified by <see cref="VkSendErrorClassifier"/>; errors 5 and 27 (the community token is refused)
/// also disable the account, so nothing more is tried with it, and tell the tenant's admin in the log.
/// </summary>
public sealed partial class VkSender(
    VkApiClient api,
    VkSendErrorClassifier errors,
    VkPhotoUploader photos,
    ChannelAccountDisabler disabler) : IChannelSender
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Vk;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken)
    {
        var token = account.Credential ?? throw new InvalidOperationException($"{account} has no community token.");
        var channel = ChannelCatalog.For(ChannelKind.Vk);
        try
        {
            // An image goes as a photo attachment, uploaded the way VK requires; one that cannot be fetched goes as its link.
            var photo = message.Content is ImageContent { Url: { Length: > 0 } imageUrl }
                ? await photos.UploadAsync(token, message.To.ChatId, imageUrl, cancellationToken)
                : null;
            var (text, buttons) = Render(message.Content, channel, photo is not null);
            IReadOnlyList<string> parts = photo is not null && text.Length == 0 ? [""] : TextSplitter.Split(text, channel.MaxTextLength);
            long sent = 0;
            for (var i = 0; i < parts.Count; i++)
            {
                var parameters = new List<KeyValuePair<string, string>>
                {
                    new("peer_id", message.To.ChatId),
                    new("random_id", VkRandomId.For(message.MessageId, i).ToString(CultureInfo.InvariantCulture)),
                    new("message", parts[i]),
                };
                if (i == 0 && photo is not null)
                {
                    parameters.Add(new("attachment", photo));
                }

                if (i == parts.Count - 1 && buttons is { Count: > 0 })
                {
                    parameters.Add(new("keyboard", VkKeyboard.Build(buttons)));
                }

                sent = await api.CallAsync<long>("messages.send", token, parameters, cancellationToken);
            }

            return DeliveryResult.Sent(sent.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (errors.Classify(ex) is { } failure)
        {
            if (ex is VkApiException { ErrorCode: 5 or 27 } refused)
            {
                await disabler.DisableAsync(account, $"VK error {refused.ErrorCode}");
            }

            return failure;
        }
    }

    /// <summary>Answers a callback button's event so its spinner stops in the customer's app (messages.sendMessageEventAnswer).</summary>
    public Task AnswerEventAsync(ChannelAccount account, string eventId, long userId, long peerId, CancellationToken cancellationToken) =>
        api.CallRawAsync("messages.sendMessageEventAnswer", account.Credential!,
        [
            new("event_id", eventId),
            new("user_id", userId.ToString(CultureInfo.InvariantCulture)),
            new("peer_id", peerId.ToString(CultureInfo.InvariantCulture)),
        ], cancellationToken);

    /// <summary>The text and the keyboard buttons <paramref name="content"/> becomes on VK.</summary>
    internal static (string Text, IReadOnlyList<Button>? Buttons) Render(MessageContent content, ChannelCapabilities channel, bool photoAttached = false)
    {
        switch (content)
        {
            case TextContent text:
                return Fit(text, channel);
            case ImageContent image when photoAttached:
                return Fit(new TextContent(image.Caption ?? "", image.Buttons), channel);
            case ImageContent image:
                // An image that could not be uploaded goes as its link.
                var caption = string.Join('\n', new[] { image.Caption, image.Url }.Where(s => !string.IsNullOrEmpty(s)));
                return Fit(new TextContent(caption, image.Buttons), channel);
            case LinkContent link:
                return Fit(new TextContent(link.Text ?? link.Title, [new Button(link.Title, Url: link.Url)]), channel);
            default:
                return (content.ToPlainText(), null);
        }
    }

    private static (string Text, IReadOnlyList<Button>? Buttons) Fit(TextContent text, ChannelCapabilities channel)
    {
        // A payload that does not fit VK's 255 characters once wrapped turns the whole menu into numbered lines.
        var fitted = text.Buttons is { Count: > 0 } buttons && !VkKeyboard.PayloadsFit(buttons)
            ? MenuRenderer.Fit(text, channel with { MaxButtons = 0 })
            : MenuRenderer.Fit(text, channel);
        return (fitted.Text, fitted.Buttons);
    }
}
