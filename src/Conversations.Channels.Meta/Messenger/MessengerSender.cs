using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
using Conversations.Channels.Meta.Graph;
using Conversations.Channels.Rendering;

namespace Conversations.Channels.Meta.Messenger;

/// <summary>
/// Sends with the Send API (<c>POST /me/messages</c> with the Page token; developers.facebook.com/docs/messenger-platform/reference/send-api)
/// for Messenger or Instagram: text split at the channel's limit, menus as up to 13 quick replies (titles ≤ 20) or else
/// numbered text, images by URL, a link as a button template on Messenger and as a "title: URL" line on Instagram.
/// Messages go as <c>messaging_type: RESPONSE</c>, or as <c>MESSAGE_TAG</c> with the tag the conversation chose: an
/// operator's reply after the 24-hour standard window goes tagged <c>HUMAN_AGENT</c> (up to 7 days), a bot's never is;
/// a message the business started (<c>POST /api/v1/messages</c>) outside the window goes under the tag its purpose allows.
/// </summary>
/// <param name="kind">Messenger or Instagram.</param>
/// <param name="graph">The Graph client.</param>
/// <param name="errors">The classifier of <paramref name="kind"/>.</param>
/// <param name="disabler">Turns the Page or account off when Meta refuses its token for good (Graph errors 190, 102).</param>
public sealed class MessengerSender(ChannelKind kind, GraphClient graph, MessengerSendErrorClassifier errors, ChannelAccountDisabler disabler) : IChannelSender
{
    /// <summary>Button template text limit (640 characters).</summary>
    internal const int ButtonTemplateTextLength = 640;

    /// <inheritdoc />
    public ChannelKind Kind => kind;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken)
    {
        var token = account.Credential ?? throw new InvalidOperationException($"{account} has no access token.");
        try
        {
            string? last = null;
            foreach (var body in Messages(message.Content))
            {
                var request = new JsonObject
                {
                    ["recipient"] = new JsonObject { ["id"] = message.To.ChatId },
                    ["messaging_type"] = "RESPONSE",
                    ["message"] = body,
                };
                if (message.MessageTag is { } tag)
                {
                    request["messaging_type"] = "MESSAGE_TAG";
                    request["tag"] = tag;
                }

                var answer = await graph.PostAsync("me/messages", token, request, cancellationToken);
                last = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("message_id", out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : last;
            }

            return DeliveryResult.Sent(last);
        }
        catch (Exception ex) when (errors.Classify(ex) is { } failure)
        {
            if (ex is GraphApiException { Error: var refused } && GraphErrors.IsDeadToken(refused))
            {
                await disabler.DisableAsync(account, GraphErrors.Refusal(refused));
            }

            return failure;
        }
    }

    /// <summary>The Send API <c>message</c> objects that carry <paramref name="content"/>, in order.</summary>
    internal IReadOnlyList<JsonObject> Messages(MessageContent content)
    {
        var channel = ChannelCatalog.For(kind);
        switch (content)
        {
            case TextContent text:
                var fitted = MenuRenderer.Fit(text, channel);
                var parts = TextSplitter.Split(fitted.Text, channel.MaxTextLength);
                var messages = parts.Select(p => new JsonObject { ["text"] = p }).ToList();
                if (fitted.Buttons is { Count: > 0 } buttons)
                {
                    messages[^1]["quick_replies"] = new JsonArray([.. buttons.Select(b => (JsonNode)new JsonObject
                    {
                        ["content_type"] = "text",
                        ["title"] = b.Label,
                        ["payload"] = b.Payload ?? b.Label,
                    })]);
                }

                return messages;
            case ImageContent { Url: { } url } image:
                var attachment = new JsonObject { ["attachment"] = new JsonObject { ["type"] = "image", ["payload"] = new JsonObject { ["url"] = url, ["is_reusable"] = true } } };
                return string.IsNullOrEmpty(image.Caption) ? [attachment] : [attachment, .. Messages(new TextContent(image.Caption, image.Buttons))];
            case LinkContent link when kind == ChannelKind.Messenger:
                return [new JsonObject
                {
                    ["attachment"] = new JsonObject
                    {
                        ["type"] = "template",
                        ["payload"] = new JsonObject
                        {
                            ["template_type"] = "button",
                            ["text"] = Cut(link.Text ?? link.Title, ButtonTemplateTextLength),
                            ["buttons"] = new JsonArray(new JsonObject { ["type"] = "web_url", ["url"] = link.Url, ["title"] = Cut(link.Title, 20) }),
                        },
                    },
                }];
            case LinkContent link:
                return Messages(new TextContent($"{link.Text ?? ""}\n{link.Title}: {link.Url}".Trim()));
            default:
                return Messages(new TextContent(content.ToPlainText()));
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
