using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Outbound;

/// <summary>A campaign with its progress.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">The business's name for it.</param>
/// <param name="Status"><c>Scheduled</c>, <c>Running</c>, <c>Paused</c>, <c>Finished</c> or <c>Cancelled</c>.</param>
/// <param name="Topic">The subscription topic it is about.</param>
/// <param name="Channels">Channels tried in this order.</param>
/// <param name="StartAt">When sending starts.</param>
/// <param name="PlanComplete">True once every customer of the audience is planned.</param>
/// <param name="Counts">How many recipients are where.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="FinishedAt">When it finished or was cancelled.</param>
public sealed record CampaignView(
    Guid Id,
    string Name,
    string Status,
    string? Topic,
    IReadOnlyList<ChannelKind> Channels,
    DateTimeOffset StartAt,
    bool PlanComplete,
    CampaignCountsView Counts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>A campaign's progress.</summary>
/// <param name="Planned">Recipients planned so far.</param>
/// <param name="Waiting">Planned and not sent yet.</param>
/// <param name="Sent">Handed to the channel's outbox (delivered, read and failed deliveries are among them).</param>
/// <param name="Delivered">Reported delivered (or read) by the channel.</param>
/// <param name="Read">Reported read.</param>
/// <param name="Failed">Could not be sent, or the channel failed the delivery.</param>
/// <param name="Refused">No channel's rule allowed the message (each recipient's rule says which).</param>
/// <param name="OptedOut">The customer had opted out of the topic.</param>
/// <param name="Replied">The customer wrote after the message.</param>
/// <param name="Cancelled">Never sent: the campaign was cancelled first.</param>
public sealed record CampaignCountsView(int Planned, int Waiting, int Sent, int Delivered, int Read, int Failed, int Refused, int OptedOut, int Replied, int Cancelled);

/// <summary>One recipient of a campaign.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Status"><c>Waiting</c>, <c>Sending</c>, <c>Sent</c>, <c>Refused</c>, <c>OptedOut</c>, <c>Failed</c> or <c>Cancelled</c>.</param>
/// <param name="Channel">The channel that carried the message.</param>
/// <param name="Rule">The channel rule that allowed or refused it.</param>
/// <param name="Detail">Why it was refused or failed.</param>
/// <param name="MessageId">The stored message (<c>GET /api/v1/messages/{id}</c>).</param>
/// <param name="Delivery">The message's delivery: <c>Pending</c>, <c>Sending</c>, <c>Sent</c>, <c>Delivered</c>, <c>Read</c>, <c>Failed</c>, <c>Blocked</c>.</param>
/// <param name="SentAt">When it was handed to the outbox.</param>
/// <param name="Replied">True when the customer wrote after it.</param>
public sealed record CampaignRecipientView(
    Guid CustomerId, string Status, ChannelKind? Channel, string? Rule, string? Detail, Guid? MessageId, string? Delivery, DateTimeOffset? SentAt, bool Replied);
