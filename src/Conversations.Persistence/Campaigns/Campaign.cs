using Conversations.Abstractions.Channels;

namespace Conversations.Persistence.Campaigns;

/// <summary>Where a campaign is. Stored by name: add, never rename.</summary>
public enum CampaignStatus
{
    /// <summary>Waiting for its start time.</summary>
    Scheduled,

    /// <summary>Being planned and sent.</summary>
    Running,

    /// <summary>Paused by the business: nothing more is claimed until it is resumed.</summary>
    Paused,

    /// <summary>Every recipient planned and settled.</summary>
    Finished,

    /// <summary>Cancelled: recipients not yet sent to never will be.</summary>
    Cancelled,
}

/// <summary>Where one recipient of a campaign is. Stored by name: add, never rename.</summary>
public enum CampaignRecipientStatus
{
    /// <summary>Planned, not sent yet.</summary>
    Waiting,

    /// <summary>Claimed by a silo that is sending (until its lease runs out).</summary>
    Sending,

    /// <summary>Stored and handed to the outbox (its delivery: the message's status).</summary>
    Sent,

    /// <summary>No channel's rule allowed it (the rule says which).</summary>
    Refused,

    /// <summary>The customer opted out of the campaign's topic.</summary>
    OptedOut,

    /// <summary>Could not be sent (the customer is gone, too many attempts).</summary>
    Failed,

    /// <summary>The campaign was cancelled before this recipient's turn.</summary>
    Cancelled,
}

/// <summary>Who a campaign goes to: every customer of the tenant who matches all the stated conditions.</summary>
/// <param name="Tags">The customer carries every one of these tags.</param>
/// <param name="Channels">The customer has an identity on at least one of these channels.</param>
/// <param name="Attributes">The customer's attributes have exactly these values.</param>
/// <param name="ActiveSince">The customer had a conversation active at or after this time.</param>
/// <param name="InactiveSince">The customer had no conversation active at or after this time.</param>
/// <param name="Consent">The customer granted consent for this purpose.</param>
/// <param name="SubscribedOnly">Only customers whose latest record about the campaign's topic (or every marketing topic) is a consent.</param>
public sealed record CampaignAudience(
    IReadOnlyList<string> Tags,
    IReadOnlyList<ChannelKind> Channels,
    IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset? ActiveSince,
    DateTimeOffset? InactiveSince,
    string? Consent,
    bool SubscribedOnly);

/// <summary>A broadcast of the business (issue 19, item 4).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Id">Its id.</param>
/// <param name="Name">The business's name for it.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Topic">The subscription topic it is about (opt-outs refused; a marketing topic carries the way out), or null.</param>
/// <param name="Audience">Who it goes to.</param>
/// <param name="Contents">What to send per channel (<c>MessageJson</c>), <c>*</c> for any channel not named.</param>
/// <param name="Channels">Channels to try in this order.</param>
/// <param name="MessageTag">A Messenger message tag, or null.</param>
/// <param name="StartAt">When sending starts.</param>
/// <param name="Planned">Recipients planned so far.</param>
/// <param name="PlanDone">True once the whole audience is planned.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When its status last changed.</param>
/// <param name="FinishedAt">When it finished or was cancelled.</param>
public sealed record Campaign(
    Guid TenantId,
    Guid Id,
    string Name,
    CampaignStatus Status,
    string? Topic,
    CampaignAudience Audience,
    IReadOnlyDictionary<string, string> Contents,
    IReadOnlyList<ChannelKind> Channels,
    string? MessageTag,
    DateTimeOffset StartAt,
    int Planned,
    bool PlanDone,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>The key of the content for any channel without its own.</summary>
    public const string AnyChannel = "*";

    /// <summary>The content for <paramref name="channel"/> (its own, else the one for any channel), or null.</summary>
    public string? ContentFor(ChannelKind channel) =>
        Contents.TryGetValue(channel.ToString(), out var own) ? own : Contents.GetValueOrDefault(AnyChannel);
}

/// <summary>A recipient claimed for sending.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="CampaignId">The campaign.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="DueAt">The end of the claim's lease (the claim is the caller's while the row still has it).</param>
/// <param name="Attempts">How many times a silo claimed it.</param>
public sealed record CampaignClaim(Guid TenantId, Guid CampaignId, Guid CustomerId, DateTimeOffset DueAt, int Attempts);

/// <summary>One recipient as the business sees it.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Channel">The channel that carried it.</param>
/// <param name="Rule">The rule that allowed or refused it.</param>
/// <param name="Detail">Why it was refused or failed.</param>
/// <param name="MessageId">The stored message.</param>
/// <param name="Delivery">The message's delivery status, once sent.</param>
/// <param name="SentAt">When it was handed to the outbox.</param>
/// <param name="Replied">True when the customer wrote after it.</param>
public sealed record CampaignRecipient(
    Guid CustomerId, CampaignRecipientStatus Status, ChannelKind? Channel, string? Rule, string? Detail, Guid? MessageId,
    Abstractions.Messages.DeliveryStatus? Delivery, DateTimeOffset? SentAt, bool Replied);

/// <summary>A campaign's progress.</summary>
/// <param name="Planned">Recipients planned.</param>
/// <param name="Waiting">Not sent yet (waiting or being sent).</param>
/// <param name="Sent">Handed to the outbox (whatever became of them after).</param>
/// <param name="Delivered">Sent and reported delivered (or read) by the channel.</param>
/// <param name="Read">Sent and reported read.</param>
/// <param name="Failed">Could not be sent, or the channel refused or failed delivery.</param>
/// <param name="Refused">No channel's rule allowed it.</param>
/// <param name="OptedOut">The customer had opted out of the topic.</param>
/// <param name="Replied">The customer wrote after it.</param>
/// <param name="Cancelled">Never sent because the campaign was cancelled.</param>
public sealed record CampaignCounts(int Planned, int Waiting, int Sent, int Delivered, int Read, int Failed, int Refused, int OptedOut, int Replied, int Cancelled);
