using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Tenants;
using Conversations.Persistence.Conversations;

namespace Conversations.Grains.Conversations;

/// <summary>
/// The bot saying it is a bot before its first automated reply in a conversation, on the channels the tenant discloses
/// automation on (Meta's Messenger Platform asks it of automated chats where the law does: see README, Messenger and
/// Instagram). Once per conversation and channel: the conversation's details remember where it was said.
/// </summary>
/// <param name="Text">The tenant's text (<see cref="TenantTexts.AutomationDisclosure"/>).</param>
/// <param name="Channels">Where it is said.</param>
internal sealed record AutomationDisclosure(string Text, IReadOnlyList<ChannelKind> Channels)
{
    /// <summary>The disclosure of a tenant with <paramref name="settings"/>; null when it discloses on no channel.</summary>
    public static AutomationDisclosure? Of(TenantSettings settings) =>
        settings.AutomationDisclosureOn is { Count: > 0 } channels ? new(settings.Text(TenantTexts.AutomationDisclosure), channels) : null;

    /// <summary>True when the bot has not yet said it on <paramref name="channel"/> in the conversation and should.</summary>
    public bool IsDueOn(ChannelKind channel, ConversationDetails details) =>
        Channels.Contains(channel) && details.AutomationDisclosedOn?.Contains(channel) != true && !string.IsNullOrWhiteSpace(Text);
}
