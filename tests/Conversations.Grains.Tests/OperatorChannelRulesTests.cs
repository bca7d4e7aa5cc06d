using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Outbound;
using Conversations.Grains.Outbound;
using static Conversations.Grains.Tests.OutboundChannelRulesTests;

namespace Conversations.Grains.Tests;

/// <summary>Each channel's rule for an operator's reply on a linked channel the operator chose (not the one the customer last wrote from).</summary>
public sealed class OperatorChannelRulesTests
{
    private static readonly TextContent Text = new("Я продублирую ответ сюда.");
    private static readonly TemplateContent Template = new("order_update", "en_US", ["#1042"], "Your order #1042 has shipped.", null);

    [Fact]
    public void WhatsApp_takes_a_human_reply_inside_its_24_hours_only_and_a_template_at_any_time()
    {
        var customer = Customer((ChannelKind.Widget, false), (ChannelKind.WhatsApp, false));

        var inside = Judge(ChannelKind.WhatsApp, customer, [Text], lastWrote: Now.AddHours(-23));
        var outside = Judge(ChannelKind.WhatsApp, customer, [Text], lastWrote: Now.AddHours(-25));
        var neverHere = Judge(ChannelKind.WhatsApp, customer, [Text], lastWrote: null);
        var template = Judge(ChannelKind.WhatsApp, customer, [Template], lastWrote: null);
        var closedEarly = Judge(ChannelKind.WhatsApp, customer, [Text], lastWrote: Now.AddHours(-2), closedEarlyAt: Now.AddHours(-1));

        Assert.Equal((true, OutboundRuleNames.WindowOpen), (inside.Allowed, inside.Rule));
        Assert.Equal("chat1", inside.Identity!.ReplyTo.ChatId);
        Assert.Equal((false, OutboundRuleNames.WhatsAppWindow), (outside.Allowed, outside.Rule));
        Assert.Contains("template", outside.Reason, StringComparison.Ordinal);
        Assert.Equal((false, OutboundRuleNames.WhatsAppWindow), (neverHere.Allowed, neverHere.Rule));
        Assert.Contains("has not written there", neverHere.Reason, StringComparison.Ordinal);
        Assert.Equal((true, OutboundRuleNames.WindowOpen), (template.Allowed, template.Rule));
        Assert.Equal((false, OutboundRuleNames.WhatsAppWindow), (closedEarly.Allowed, closedEarly.Rule));
    }

    [Theory]
    [InlineData(ChannelKind.Messenger, OutboundRuleNames.MessengerWindow)]
    [InlineData(ChannelKind.Instagram, OutboundRuleNames.InstagramWindow)]
    public void Messenger_and_Instagram_give_a_human_agent_seven_days_and_refuse_after_naming_the_rule(ChannelKind channel, string rule)
    {
        var customer = Customer((ChannelKind.Telegram, false), (channel, false));

        var twoDays = Judge(channel, customer, [Text], lastWrote: Now.AddDays(-2));
        var eightDays = Judge(channel, customer, [Text], lastWrote: Now.AddDays(-8));

        Assert.True(twoDays.Allowed, twoDays.Reason);
        Assert.Equal((false, rule), (eightDays.Allowed, eightDays.Rule));
        Assert.Contains("HUMAN_AGENT", eightDays.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_channel_without_an_identity_a_blocked_bot_and_a_template_off_WhatsApp_are_refused_with_their_rule()
    {
        var customer = Customer((ChannelKind.Widget, false), (ChannelKind.Telegram, true));

        var none = Judge(ChannelKind.Vk, customer, [Text], lastWrote: null);
        var blocked = Judge(ChannelKind.Telegram, customer, [Text], lastWrote: Now.AddMinutes(-1));
        var template = Judge(ChannelKind.Widget, customer, [Template], lastWrote: Now.AddMinutes(-1));
        var widget = Judge(ChannelKind.Widget, customer, [Text], lastWrote: null);

        Assert.Equal((false, OutboundRuleNames.NoIdentity), (none.Allowed, none.Rule));
        Assert.Equal((false, OutboundRuleNames.TelegramBlocked), (blocked.Allowed, blocked.Rule));
        Assert.Equal((false, OutboundRuleNames.TemplateOnlyOnWhatsApp), (template.Allowed, template.Rule));
        Assert.True(widget.Allowed, widget.Reason);
    }

    private static OutboundVerdict Judge(ChannelKind channel, CustomerProfile customer, IReadOnlyList<MessageContent> contents, DateTimeOffset? lastWrote,
        DateTimeOffset? closedEarlyAt = null) =>
        OperatorChannelRules.Judge(channel, customer, null, contents, lastWrote, closedEarlyAt, Now);
}
