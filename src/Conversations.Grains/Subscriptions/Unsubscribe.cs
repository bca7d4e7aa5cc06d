using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Subscriptions;
using Conversations.Abstractions.Tenants;

namespace Conversations.Grains.Subscriptions;

/// <summary>
/// The easy way out of a marketing message, and recognising its use: the button under the message (its payload names
/// the topic) or the tenant's unsubscribe keyword sent as the whole message (every marketing topic). Pure.
/// </summary>
internal static class Unsubscribe
{
    /// <summary>The payload prefix of the unsubscribe button; the topic key follows (at most 38 bytes: fits Telegram's 64).</summary>
    public const string PayloadPrefix = "unsub:";

    /// <summary>
    /// <paramref name="content"/> with its way out on <paramref name="channel"/>: a button where the channel shows one
    /// more, else a line naming the keyword. A WhatsApp template is sent as approved (its own text must offer the way out).
    /// </summary>
    public static MessageContent Offer(MessageContent content, SubscriptionTopic topic, ChannelKind channel, TenantSettings settings)
    {
        if (content is not TextContent text)
        {
            return content;
        }

        var capabilities = ChannelCatalog.For(channel);
        var button = new Button(settings.Text(TenantTexts.UnsubscribeButton), PayloadPrefix + topic.Key);
        var buttons = text.Buttons ?? [];
        if (buttons.Count < capabilities.MaxButtons && capabilities.FitsAsButtons([.. buttons, button]))
        {
            return text with { Buttons = [.. buttons, button] };
        }

        var hint = settings.Text(TenantTexts.UnsubscribeHint).Replace("{keyword}", KeywordFor(settings), StringComparison.Ordinal);
        return text with { Text = text.Text + "\n\n" + hint };
    }

    /// <summary>
    /// The topic a customer's message opts out of: the button's topic, <see cref="SubscriptionTopic.AllMarketing"/> for
    /// the keyword, or null when the message is something else.
    /// </summary>
    public static string? Requested(MessageContent content, TenantSettings settings) => content switch
    {
        ButtonPressContent { Payload: var payload } when payload.StartsWith(PayloadPrefix, StringComparison.Ordinal)
            && SubscriptionTopic.IsKey(payload[PayloadPrefix.Length..]) => payload[PayloadPrefix.Length..],
        TextContent { Text: var words } when IsKeyword(words, settings.UnsubscribeKeywordsOrDefault) => SubscriptionTopic.AllMarketing,
        _ => null,
    };

    /// <summary>The confirmation of an opt-out from <paramref name="topic"/>, in the tenant's words.</summary>
    public static string Confirmation(string topic, TenantSettings settings) => topic == SubscriptionTopic.AllMarketing
        ? settings.Text(TenantTexts.UnsubscribeConfirmedAll)
        : settings.Text(TenantTexts.UnsubscribeConfirmed).Replace("{topic}", settings.Topic(topic)?.Name ?? topic, StringComparison.Ordinal);

    /// <summary>The keyword a hint names: the tenant's first, else the default in the customer's language.</summary>
    private static string KeywordFor(TenantSettings settings) =>
        settings.UnsubscribeKeywords is { Count: > 0 } own ? own[0] : settings.Language == "en" ? "STOP" : "СТОП";

    /// <summary>True when the whole message is a keyword (case, a leading slash and closing punctuation aside): "Stop!" is, "don't stop" is not.</summary>
    private static bool IsKeyword(string text, IReadOnlyList<string> keywords)
    {
        if (text.Length > 60)
        {
            return false;
        }

        var word = text.Trim().TrimStart('/').TrimEnd('.', '!', ' ', '\u00A0').Trim();
        return keywords.Any(k => string.Equals(k.Trim(), word, StringComparison.OrdinalIgnoreCase));
    }
}
