namespace Conversations.Channels.EventsOut;

/// <summary>The event types a tenant's webhook can hear (past tense, Chatwoot's vocabulary).</summary>
public static class WebhookEventTypes
{
    /// <summary>A customer, bot or operator message was stored.</summary>
    public const string MessageCreated = "message.created";

    /// <summary>The conversation went to the bot, the queue, an operator, or closed.</summary>
    public const string ConversationStatusChanged = "conversation.status_changed";

    /// <summary>An operator took the conversation, or it was transferred to another one.</summary>
    public const string ConversationAssigned = "conversation.assigned";

    /// <summary>The customer answered a rating step.</summary>
    public const string SurveyAnswered = "survey.answered";

    /// <summary>A campaign's start time came and its first recipients were planned.</summary>
    public const string CampaignStarted = "campaign.started";

    /// <summary>The business paused a campaign.</summary>
    public const string CampaignPaused = "campaign.paused";

    /// <summary>The business resumed a paused campaign.</summary>
    public const string CampaignResumed = "campaign.resumed";

    /// <summary>The business cancelled a campaign.</summary>
    public const string CampaignCancelled = "campaign.cancelled";

    /// <summary>Every recipient of a campaign was settled.</summary>
    public const string CampaignFinished = "campaign.finished";

    /// <summary>Every type a subscription may name.</summary>
    public static IReadOnlyList<string> All { get; } =
        [MessageCreated, ConversationStatusChanged, ConversationAssigned, SurveyAnswered, CampaignStarted, CampaignPaused, CampaignResumed, CampaignCancelled, CampaignFinished];
}
