using Conversations.Api.Contracts.Channels;
using Conversations.Client;

namespace Conversations.Cli.Commands;

/// <summary>
/// <c>reply --channel</c>: which customer channel a name means, and what to do when the channel's rules refuse the reply
/// (the API's 422 names the rule; the CLI adds the fix and the channels the customer can be reached on).
/// </summary>
internal static class ReplyChannel
{
    private static readonly ChannelKind[] CustomerChannels =
        [ChannelKind.Telegram, ChannelKind.WhatsApp, ChannelKind.Vk, ChannelKind.Viber, ChannelKind.Messenger, ChannelKind.Instagram, ChannelKind.Widget, ChannelKind.Email];

    /// <summary>The channel <paramref name="name"/> names (any case), null when none is given; a usage error otherwise.</summary>
    public static ChannelKind? Parse(string? name)
    {
        if (name is null)
        {
            return null;
        }

        return CustomerChannels.FirstOrDefault(k => string.Equals(k.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase)) is var kind && kind != default
            ? kind
            : throw new CliException(ExitCodes.Usage,
                $"--channel {name}: not a customer channel; use one of {string.Join(", ", CustomerChannels.Select(Name))}. Nothing was sent.");
    }

    /// <summary>The CLI error for a reply on <paramref name="channel"/> refused under <paramref name="rule"/>: why, the fix, where the customer can be reached.</summary>
    public static async Task<CliException> RefusedAsync(ConversationsClient client, Guid conversationId, ChannelKind channel, string rule, string detail,
        CancellationToken cancellationToken)
    {
        var customer = (await client.GetConversationAsync(conversationId, cancellationToken)).Customer;
        var reachable = customer?.Identities.Where(i => !i.Unreachable).Select(i => i.Key.Kind).Distinct().Select(Name).ToList() ?? [];
        var channels = reachable.Count == 0 ? "" : $" The customer can be reached on: {string.Join(", ", reachable)}.";
        var fix = rule switch
        {
            "customer.no_identity" => "The customer has never written from there: reply without --channel (it goes where they last wrote) or name a channel they use.",
            "whatsapp.24h_window" => "Only an approved template may go there now: reply on another channel, or wait until the customer writes on WhatsApp again.",
            "messenger.24h_window" or "instagram.24h_window" => "The human-agent window is over: reply on another channel, or wait until the customer writes there again.",
            "template.whatsapp_only" => "Templates go on WhatsApp only: add --channel whatsapp, or send text.",
            _ => "That channel no longer delivers to the customer (blocked, unsubscribed or not allowed): reply on another channel.",
        };
        return new CliException(ExitCodes.ApiError, $"Not sent on {Name(channel)} ({rule}): {detail} {fix}{channels}");
    }

    private static string Name(ChannelKind kind) => kind.ToString().ToLowerInvariant();
}
