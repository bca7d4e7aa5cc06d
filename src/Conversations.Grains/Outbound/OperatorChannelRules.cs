using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Outbound;

namespace Conversations.Grains.Outbound;

/// <summary>
/// Each channel's rule for an operator's reply sent on a channel the operator chose (another linked channel of the
/// same customer, not the one they last wrote from): the customer must have an identity there that the channel still
/// delivers to, and the channel's window for a human agent must be open (WhatsApp 24 h, templates outside it;
/// Messenger and Instagram 7 days with HUMAN_AGENT). A windowed channel the customer has not written on in this
/// conversation counts as closed: nothing says its window is open. Pure: the conversation grain passes what it knows.
/// </summary>
internal static class OperatorChannelRules
{
    /// <summary>
    /// Judges <paramref name="contents"/> from a human operator on <paramref name="channel"/> for
    /// <paramref name="customer"/>; <paramref name="lastCustomerMessageAt"/> is the customer's last message there in
    /// this conversation (null: none), <paramref name="closedEarlyAt"/> when the platform said the window closed early.
    /// </summary>
    public static OutboundVerdict Judge(ChannelKind channel, CustomerProfile customer, ChannelAddress? lastReplyTo, IReadOnlyList<MessageContent> contents,
        DateTimeOffset? lastCustomerMessageAt, DateTimeOffset? closedEarlyAt, DateTimeOffset now)
    {
        var templates = contents.Count(c => c is TemplateContent);
        if (templates > 0 && channel != ChannelKind.WhatsApp)
        {
            return Refused(OutboundRuleNames.TemplateOnlyOnWhatsApp, $"Message templates are WhatsApp's; {channel} takes a text.");
        }

        if (ChannelCatalog.IsNotification(channel))
        {
            return Refused(OutboundRuleNames.ChannelNotSupported, $"{channel} carries notifications to the business, not replies to customers.");
        }

        var identity = OutboundChannelRules.IdentityOn(channel, customer, lastReplyTo);
        if (identity is null)
        {
            return Refused(OutboundRuleNames.NoIdentity, $"The customer has no {channel} identity: they never wrote from {channel}.");
        }

        if (identity.Unreachable)
        {
            return OutboundChannelRules.UnreachableOn(channel);
        }

        var policy = ChannelCatalog.For(channel).Window;
        if (policy.Human is null || (templates > 0 && templates == contents.Count))
        {
            return new OutboundVerdict(true, OutboundRuleNames.WindowOpen, $"{channel} takes this reply now.", identity);
        }

        var window = lastCustomerMessageAt is { } last ? MessagingWindow.For(channel, last, closedEarlyAt) : null;
        if (window is not null && window.IsOpen(now, humanOperator: true))
        {
            return new OutboundVerdict(true, OutboundRuleNames.WindowOpen,
                string.Create(CultureInfo.InvariantCulture, $"The {window.Rule} is open until {window.HumanClosesAt:u}."), identity);
        }

        var since = lastCustomerMessageAt is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"the customer last wrote there at {at:u}")
            : "the customer has not written there in this conversation";
        return channel switch
        {
            ChannelKind.WhatsApp => Refused(OutboundRuleNames.WhatsAppWindow,
                $"WhatsApp's 24-hour customer service window is closed ({since}): only an approved message template may be sent (template)."),
            ChannelKind.Messenger => Refused(OutboundRuleNames.MessengerWindow,
                $"Messenger's window for a human agent (7 days, HUMAN_AGENT) is closed ({since})."),
            ChannelKind.Instagram => Refused(OutboundRuleNames.InstagramWindow,
                $"Instagram's window for a human agent (7 days, HUMAN_AGENT) is closed ({since})."),
            _ => Refused(OutboundRuleNames.WindowClosed, $"The {policy.RuleName} is closed ({since})."),
        };
    }

    private static OutboundVerdict Refused(string rule, string reason) => new(false, rule, reason);
}
