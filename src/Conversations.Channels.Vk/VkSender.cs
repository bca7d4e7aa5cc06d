using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
using Conversations.Channels.Media;
using Conversations.Channels.Rendering;
using Conversations.Channels.Vk.Api;
using Conversations.Persistence.Media;

namespace Conversations.Channels.Vk;

/// <summary>
/// Sends outbound messages with <c>messages.send</c> (dev.vk.com/method/messages.send): texts up to 9000 characters a
/// message (longer ones split at line breaks, the buttons on the last part), images as photo attachments through VK's
/// upload flow (<see cref="VkPhotoUploader"/>), an operator's stored upload from our store's bytes (a photo, or a
/// document through <see cref="VkDocUploader"/>), menus as an inline keyboard when they fit
/// (<see cref="VkKeyboard"/>) and as numbered lines otherwise. Every call carries a <c>random_id</c> derived from our
/// message id and the part (<see cref="VkRandomId"/>), so a retry never shows the customer a message twice.
/// Failures are classified by <see cref="VkSendErrorClassifier"/>; errors 5 and 27 (the community token is refused)
/// also disable the account, so nothing more is tried with it, and tell the tenant's admin in the log.
/// </summary>
public sealed partial class VkSender(
    VkApiClient api,
    VkSendErrorClassifier errors,
    VkPhotoUploader photos,
    VkDocUploader docs,
    IMediaStore media,
    IGrainFactory grains,
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
            string? attachment;
            if (StoredUpload.IdOf(message.Content) is { } mediaId)
            {
                // An operator's upload goes from our store's bytes: a photo when VK takes it as one, else a document.
                var stored = await UploadStoredAsync(token, message.To.ChatId, message.TenantId, mediaId, cancellationToken);
                if (stored.Refusal is { } refusal)
                {
                    return DeliveryResult.Permanent(refusal);
                }

                attachment = stored.Attachment;
            }
            else
            {
                // An image by URL goes as a photo attachment, uploaded the way VK requires; one that cannot be fetched goes as its link.
                attachment = message.Content is ImageContent { Url: { Length: > 0 } imageUrl }
                    ? await photos.UploadAsync(token, message.To.ChatId, imageUrl, cancellationToken)
                    : null;
            }

            // Buttons as this customer's app can show them (what it said in its last message's client_info).
            var layout = VkKeyboardLayout.For(await grains.GetGrain<IChannelIdentityGrain>(
                new ChannelIdentityKey(message.TenantId, ChannelKind.Vk, message.To.Account, message.To.ChatId).ToGrainKey()).GetClientInfoAsync());
            var (text, buttons) = Render(message.Content, channel, attachment is not null, layout);
            IReadOnlyList<string> parts = attachment is not null && text.Length == 0 ? [""] : TextSplitter.Split(text, channel.MaxTextLength);
            long sent = 0;
            for (var i = 0; i < parts.Count; i++)
            {
                var parameters = new List<KeyValuePair<string, string>>
                {
                    new("peer_id", message.To.ChatId),
                    new("random_id", VkRandomId.For(message.MessageId, i).ToString(CultureInfo.InvariantCulture)),
                    new("message", parts[i]),
                };
                if (i == 0 && attachment is not null)
                {
                    parameters.Add(new("attachment", attachment));
                }

                if (i == parts.Count - 1 && buttons is { Count: > 0 })
                {
                    parameters.Add(new("keyboard", VkKeyboard.Build(buttons, layout.Inline, layout.Callback)));
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

    /// <summary>
    /// Uploads a stored file to the chat: an image VK takes as a photo (JPEG, PNG or GIF up to 50 MB) by the photo flow,
    /// anything else by the document flow; gives the attachment, or why VK cannot be given the file.
    /// </summary>
    private async Task<(string? Attachment, string? Refusal)> UploadStoredAsync(string token, string peerId, Guid tenantId, Guid mediaId, CancellationToken cancellationToken)
    {
        var file = await media.FindAsync(tenantId, mediaId, cancellationToken);
        var bytes = file is null ? null : await media.ReadAsync(tenantId, mediaId, cancellationToken);
        if (file is null || bytes is null)
        {
            return (null, "The file is no longer stored.");
        }

        if (file.ContentType is "image/jpeg" or "image/png" or "image/gif" && bytes.Length <= VkPhotoUploader.MaxPhotoBytes)
        {
            return (await photos.UploadAsync(token, peerId, bytes, file.ContentType, cancellationToken), null);
        }

        var name = StoredFileName.For(file);
        return VkDocUploader.Refusal(name, bytes.Length) is { } refusal
            ? (null, refusal)
            : (await docs.UploadAsync(token, peerId, bytes, name, cancellationToken), null);
    }

    /// <summary>Answers a callback button's event so its spinner stops in the customer's app (messages.sendMessageEventAnswer).</summary>
    public Task AnswerEventAsync(ChannelAccount account, string eventId, long userId, long peerId, CancellationToken cancellationToken) =>
        api.CallRawAsync("messages.sendMessageEventAnswer", account.Credential!,
        [
            new("event_id", eventId),
            new("user_id", userId.ToString(CultureInfo.InvariantCulture)),
            new("peer_id", peerId.ToString(CultureInfo.InvariantCulture)),
        ], cancellationToken);

    /// <summary>The text and the keyboard buttons <paramref name="content"/> becomes on VK, for an app with <paramref name="layout"/> (default: inline keyboards).</summary>
    internal static (string Text, IReadOnlyList<Button>? Buttons) Render(MessageContent content, ChannelCapabilities channel, bool attached = false,
        VkKeyboardLayout? layout = null)
    {
        var shown = layout ?? VkKeyboardLayout.Default;
        switch (content)
        {
            case TextContent text:
                return Fit(text, channel, shown);
            case ImageContent image when attached:
                return Fit(new TextContent(image.Caption ?? "", image.Buttons), channel, shown);
            case DocumentContent document when attached:
                return Fit(new TextContent(document.Caption ?? ""), channel, shown);
            case ImageContent image:
                // An image that could not be uploaded goes as its link.
                var caption = string.Join('\n', new[] { image.Caption, image.Url }.Where(s => !string.IsNullOrEmpty(s)));
                return Fit(new TextContent(caption, image.Buttons), channel, shown);
            case LinkContent link:
                return Fit(new TextContent(link.Text ?? link.Title, [new Button(link.Title, Url: link.Url)]), channel, shown);
            default:
                return (content.ToPlainText(), null);
        }
    }

    private static (string Text, IReadOnlyList<Button>? Buttons) Fit(TextContent text, ChannelCapabilities channel, VkKeyboardLayout layout)
    {
        // No keyboard in the customer's app, a payload that does not fit VK's 255 characters once wrapped, or a menu the
        // keyboard cannot lay out: the whole menu becomes numbered lines; no open_link in the app: links become lines.
        var shown = channel with { MaxButtons = layout.Keyboard ? channel.MaxButtons : 0, SupportsLinkButtons = channel.SupportsLinkButtons && layout.Links };
        var fitted = text.Buttons is { Count: > 0 } buttons && !VkKeyboard.PayloadsFit(buttons)
            ? MenuRenderer.Fit(text, shown with { MaxButtons = 0 })
            : MenuRenderer.Fit(text, shown);
        if (fitted.Buttons is { Count: > 0 } laid && !VkKeyboard.Fits(laid, layout.Inline))
        {
            fitted = MenuRenderer.Fit(text, shown with { MaxButtons = 0 });
        }

        return (fitted.Text, fitted.Buttons);
    }
}
