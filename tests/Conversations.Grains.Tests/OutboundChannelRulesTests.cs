using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Outbound;
using Conversations.Grains.Outbound;

namespace Conversations.Grains.Tests;

/// <summary>Each channel's rule for a message the business starts, as the conversation grain asks it.</summary>
public sealed class OutboundChannelRulesTests
{
    internal static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly TextContent Text = new("Your order #1042 has shipped.");
    private static readonly TemplateContent Template = new("order_update", "en_US", ["#1042"], "Your order #1042 has shipped.", null);

    [Fact]
    public void WhatsApp_inside_the_24_hours_takes_a_text_and_outside_takes_only_a_template()
    {
        var customer = Customer((ChannelKind.WhatsApp, false));

        var inside = Judge(ChannelKind.WhatsApp, customer, Text, lastWrote: Now.AddHours(-23));
        var outside = Judge(ChannelKind.WhatsApp, customer, Text, lastWrote: Now.AddHours(-25));
        var unknown = Judge(ChannelKind.WhatsApp, customer, Text, lastWrote: null);
        var template = Judge(ChannelKind.WhatsApp, customer, Template, lastWrote: Now.AddDays(-30));
        var closedEarly = Judge(ChannelKind.WhatsApp, customer, Text, lastWrote: Now.AddHours(-2), closedEarlyAt: Now.AddHours(-1));

        Assert.Equal((true, OutboundRuleNames.WindowOpen), (inside.Allowed, inside.Rule));
        Assert.Equal((false, OutboundRuleNames.WhatsAppWindow), (outside.Allowed, outside.Rule));
        Assert.Contains("template", outside.Reason, StringComparison.Ordinal);
        Assert.Equal((false, OutboundRuleNames.WhatsAppWindow), (unknown.Allowed, unknown.Rule));
        Assert.Equal((true, OutboundRuleNames.WhatsAppTemplate), (template.Allowed, template.Rule));
        Assert.Equal((false, OutboundRuleNames.WhatsAppWindow), (closedEarly.Allowed, closedEarly.Rule));
    }

    [Fact]
    public void Messenger_outside_its_window_needs_an_allowed_tag_and_Instagram_refuses()
    {
        var customer = Customer((ChannelKind.Messenger, false), (ChannelKind.Instagram, false));

        var untagged = Judge(ChannelKind.Messenger, customer, Text, lastWrote: Now.AddDays(-2));
        var tagged = Judge(ChannelKind.Messenger, customer, Text, lastWrote: Now.AddDays(-2), tag: "POST_PURCHASE_UPDATE");
        var humanAgent = Judge(ChannelKind.Messenger, customer, Text, lastWrote: Now.AddDays(-2), tag: "HUMAN_AGENT");
        var instagram = Judge(ChannelKind.Instagram, customer, Text, lastWrote: Now.AddDays(-2), tag: "POST_PURCHASE_UPDATE");
        var instagramOpen = Judge(ChannelKind.Instagram, customer, Text, lastWrote: Now.AddHours(-1));

        Assert.Equal((false, OutboundRuleNames.MessengerWindow), (untagged.Allowed, untagged.Rule));
        Assert.Equal((true, OutboundRuleNames.MessengerTag), (tagged.Allowed, tagged.Rule));
        Assert.Equal((false, OutboundRuleNames.MessengerWindow), (humanAgent.Allowed, humanAgent.Rule));
        Assert.Equal((false, OutboundRuleNames.InstagramWindow), (instagram.Allowed, instagram.Rule));
        Assert.Equal((true, OutboundRuleNames.WindowOpen), (instagramOpen.Allowed, instagramOpen.Rule));
    }

    [Theory]
    [InlineData(ChannelKind.Vk, OutboundRuleNames.VkMessageAllow)]
    [InlineData(ChannelKind.Viber, OutboundRuleNames.ViberSubscribed)]
    [InlineData(ChannelKind.Telegram, OutboundRuleNames.TelegramBlocked)]
    public void A_channel_without_a_window_refuses_a_customer_it_cannot_reach_and_names_its_own_rule(ChannelKind channel, string rule)
    {
        var refused = Judge(channel, Customer((channel, true)), Text, lastWrote: Now.AddMinutes(-1));
        var allowed = Judge(channel, Customer((channel, false)), Text, lastWrote: Now.AddDays(-365));

        Assert.Equal((false, rule), (refused.Allowed, refused.Rule));
        Assert.Equal((true, OutboundRuleNames.WindowOpen), (allowed.Allowed, allowed.Rule));
        Assert.Equal(channel, allowed.Identity!.ReplyTo.Kind);
    }

    [Fact]
    public void A_reachable_identity_is_preferred_to_a_blocked_one_on_the_same_channel()
    {
        var customer = Customer((ChannelKind.Telegram, true), (ChannelKind.Telegram, false));

        var verdict = Judge(ChannelKind.Telegram, customer, Text, lastWrote: null);

        Assert.True(verdict.Allowed);
        Assert.False(verdict.Identity!.Unreachable);
    }

    [Fact]
    public void A_template_off_WhatsApp_a_channel_the_customer_never_used_and_the_site_widget_are_refused_by_name()
    {
        var customer = Customer((ChannelKind.Telegram, false), (ChannelKind.Widget, false));

        Assert.Equal(OutboundRuleNames.TemplateOnlyOnWhatsApp, Judge(ChannelKind.Telegram, customer, Template, null).Rule);
        Assert.Equal(OutboundRuleNames.NoIdentity, Judge(ChannelKind.Vk, customer, Text, null).Rule);
        Assert.Equal(OutboundRuleNames.ChannelNotSupported, Judge(ChannelKind.Widget, customer, Text, Now).Rule);
        Assert.False(Judge(ChannelKind.Widget, customer, Text, Now).Allowed);
    }

    private static OutboundVerdict Judge(ChannelKind channel, CustomerProfile customer, MessageContent content, DateTimeOffset? lastWrote,
        string? tag = null, DateTimeOffset? closedEarlyAt = null) =>
        OutboundChannelRules.Judge(channel, customer, null, content, tag, lastWrote, closedEarlyAt, Now);

    internal static CustomerProfile Customer(params (ChannelKind Channel, bool Unreachable)[] identities)
    {
        var tenant = Guid.NewGuid();
        return new CustomerProfile(tenant, Guid.NewGuid(), "Anna", null, [], [],
            [.. identities.Select((i, n) => new ChannelIdentity(new ChannelIdentityKey(tenant, i.Channel, "account", $"user{n}"),
                new ChannelAddress(i.Channel, "account", $"chat{n}"), i.Unreachable, Now.AddDays(-10 + n)))],
            [], new Dictionary<string, string>(), null, Now.AddDays(-10));
    }
}
