using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
using Conversations.Channels.Media;
using Conversations.Channels.Rendering;
using Conversations.Channels.Viber.Api;

namespace Conversations.Channels.Viber;

/// <summary>
/// Sends outbound messages with <c>send_message</c> (developers.viber.com/docs/api/rest-bot-api/#send-message): the
/// bot's name as <c>sender.name</c> (at most <see cref="MaxSenderName"/> characters), texts up to 7000 characters a
/// message (longer ones split at line breaks, the keyboard on the last part), menus as a keyboard when they fit
/// (<see cref="ViberKeyboard"/>, with the label→payload map in <c>tracking_data</c>) and as numbered lines otherwise,
/// pictures by URL (<c>type</c> picture, caption up to <see cref="MaxPictureText"/> characters, a longer one goes as
/// a text first), an operator's stored upload as a picture, video or file linked from our own copy
/// (<see cref="ViberStoredMedia"/>). Failures are classified by <see cref="ViberSendErrorClassifier"/>; a refused token or bot account
/// disables the account so nothing more is tried with it, and the admin is told in the log.
/// </summary>
public sealed partial class ViberSender(
    ViberApiClient api,
    ViberSendErrorClassifier errors,
    ViberStoredMedia storedMedia,
    ChannelAccountDisabler disabler) : IChannelSender
{
    /// <summary>Longest sender name (send_message: <c>sender.name</c>, "Max 28 characters").</summary>
    public const int MaxSenderName = 28;

    /// <summary>Longest picture description (send_message, picture message: <c>text</c>, "Max 120 characters").</summary>
    public const int MaxPictureText = 120;

    /// <summary>The account setting holding the sender name (the bot's name from get_account_info).</summary>
    public const string SenderNameSetting = "sender_name";

    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Viber;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken)
    {
        var token = account.Credential ?? throw new InvalidOperationException($"{account} has no bot token.");
        try
        {
            IReadOnlyList<JsonObject> requests;
            if (StoredUpload.IdOf(message.Content) is { } mediaId)
            {
                var (media, refusal) = await storedMedia.BodyAsync(message.TenantId, mediaId, cancellationToken);
                if (media is null)
                {
                    return DeliveryResult.Permanent(refusal!);
                }

                requests = MediaRequests(media, Caption(message.Content), SenderName(account));
            }
            else
            {
                requests = Requests(message.Content, SenderName(account));
            }

            string? sent = null;
            foreach (var request in requests)
            {
                request["receiver"] = message.To.ChatId;
                sent = (await api.CallAsync("send_message", token, request, cancellationToken)).MessageToken?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return DeliveryResult.Sent(sent);
        }
        catch (Exception ex) when (errors.Classify(ex) is { } failure)
        {
            if (ex is ViberApiException refused && ViberSendErrorClassifier.RefusesAccount(refused.Status))
            {
                await disabler.DisableAsync(account, $"Viber status {refused.Status} {refused.StatusMessage}");
            }

            return failure;
        }
    }

    /// <summary>The sender name of <paramref name="account"/>, cut to <see cref="MaxSenderName"/> characters.</summary>
    public static string SenderName(ChannelAccount account)
    {
        var name = account.Settings?.GetValueOrDefault(SenderNameSetting) is { Length: > 0 } own ? own : account.DisplayName;
        name = string.IsNullOrWhiteSpace(name) ? "Bot" : name.Trim();
        return name.Length <= MaxSenderName ? name : name[..MaxSenderName];
    }

    private static string? Caption(MessageContent content) => content switch
    {
        ImageContent image => image.Caption,
        DocumentContent document => document.Caption,
        _ => null,
    };

    /// <summary>
    /// The send_message bodies of a stored file's <paramref name="media"/> body with its <paramref name="caption"/>: a
    /// picture carries a caption that fits its description; a longer one, and a video's or file's (which have no text
    /// of their own), goes first as a text.
    /// </summary>
    internal static IReadOnlyList<JsonObject> MediaRequests(JsonObject media, string? caption, string senderName)
    {
        var requests = new List<JsonObject>();
        var body = Base(senderName, null);
        foreach (var (key, value) in media)
        {
            body[key] = value?.DeepClone();
        }

        if (caption is { Length: > 0 })
        {
            if ((string?)body["type"] == "picture" && caption.Length <= MaxPictureText)
            {
                body["text"] = caption;
            }
            else
            {
                requests.AddRange(TextRequests(caption, null, ChannelCatalog.For(ChannelKind.Viber), senderName));
            }
        }

        requests.Add(body);
        return requests;
    }

    /// <summary>The send_message bodies (without <c>receiver</c>) <paramref name="content"/> becomes, in order.</summary>
    internal static IReadOnlyList<JsonObject> Requests(MessageContent content, string senderName)
    {
        var channel = ChannelCatalog.For(ChannelKind.Viber);
        switch (content)
        {
            case ImageContent { Url: { Length: > 0 } url } image:
                var (caption, buttons) = Fit(new TextContent(image.Caption ?? "", image.Buttons), channel);
                var requests = new List<JsonObject>();
                var pictureText = caption;
                if (caption.Length > MaxPictureText)
                {
                    requests.AddRange(TextRequests(caption, null, channel, senderName));
                    pictureText = "";
                }

                var picture = Base(senderName, buttons);
                picture["type"] = "picture";
                picture["text"] = pictureText;
                picture["media"] = url;
                requests.Add(picture);
                return requests;
            case ImageContent image:
                // Viber sends pictures by URL only; an image we hold no URL for goes as its caption.
                return Text(new TextContent(image.Caption ?? TextSplitter.Empty, image.Buttons), channel, senderName);
            case TextContent text:
                return Text(text, channel, senderName);
            case LinkContent link:
                return Text(new TextContent(link.Text ?? link.Title, [new Button(link.Title, Url: link.Url)]), channel, senderName);
            default:
                return TextRequests(content.ToPlainText(), null, channel, senderName);
        }
    }

    private static IReadOnlyList<JsonObject> Text(TextContent text, ChannelCapabilities channel, string senderName)
    {
        var (fitted, buttons) = Fit(text, channel);
        return TextRequests(fitted, buttons, channel, senderName);
    }

    private static List<JsonObject> TextRequests(string text, IReadOnlyList<Button>? buttons, ChannelCapabilities channel, string senderName)
    {
        var parts = TextSplitter.Split(text, channel.MaxTextLength);
        var requests = new List<JsonObject>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var request = Base(senderName, i == parts.Count - 1 ? buttons : null);
            request["type"] = "text";
            request["text"] = parts[i];
            requests.Add(request);
        }

        return requests;
    }

    private static JsonObject Base(string senderName, IReadOnlyList<Button>? buttons)
    {
        var request = new JsonObject { ["sender"] = new JsonObject { ["name"] = senderName } };
        if (buttons is { Count: > 0 })
        {
            request["min_api_version"] = ViberKeyboard.MinApiVersion;
            request["keyboard"] = ViberKeyboard.Build(buttons);
            if (ViberTrackingData.For(buttons) is { } tracking)
            {
                request["tracking_data"] = tracking;
            }
        }

        return request;
    }

    /// <summary>The text and keyboard buttons of <paramref name="text"/> on Viber: buttons when they fit, with a tracking map; numbered lines otherwise.</summary>
    private static (string Text, IReadOnlyList<Button>? Buttons) Fit(TextContent text, ChannelCapabilities channel)
    {
        var fitted = MenuRenderer.Fit(text, channel);
        if (fitted.Buttons is { Count: > 0 } buttons && buttons.Any(b => b.Url is null) && ViberTrackingData.For(buttons) is null)
        {
            fitted = MenuRenderer.Fit(text, channel with { MaxButtons = 0 });
        }

        return (fitted.Text.Length > 0 ? fitted.Text : TextSplitter.Empty, fitted.Buttons);
    }
}
