using Conversations.Abstractions.Tenants;
using Conversations.Channels.Contracts;

namespace Conversations.Api.Mappings;

/// <summary>Tenants, their settings, canned replies and API keys as the API shows them.</summary>
public static class TenantMappings
{
    /// <summary>The API form of a tenant.</summary>
    public static Contracts.Tenants.TenantInfo ToContract(this TenantInfo tenant) => new(tenant.TenantId, tenant.Slug, tenant.Name, tenant.CreatedAt);

    /// <summary>The API form of a tenant's settings.</summary>
    public static Contracts.Tenants.TenantSettings ToContract(this TenantSettings settings) => new(
        settings.AutoReleaseMinutes, settings.IdleCloseMinutes, settings.NotificationEmails, settings.NotificationWebhookUrl, settings.WebhookSecret,
        new Contracts.Tenants.WorkingHours(settings.WorkingHours.TimeZone, settings.WorkingHours.Week, settings.WorkingHours.Holidays),
        settings.HandoffKeywords, settings.BotGiveUpAfter, settings.AutoAssign, settings.Texts, settings.FaqThreshold, settings.BotConfig, settings.Language,
        settings.SmallTalk, settings.FrustrationOffer, settings.FrustrationThreshold, settings.AiAnswers, settings.AiSemanticMatching, settings.AiOperatorAssist,
        settings.EmailNumberedChoices,
        settings.AutomationDisclosure is { } disclosed ? [.. disclosed.Select(k => (Contracts.Channels.ChannelKind)k)] : null,
        settings.FaqTargetPrecision, settings.FaqDisambiguation,
        settings.SubscriptionTopics is { } topics ? [.. topics.Select(t => new Contracts.Tenants.SubscriptionTopic(t.Key, t.Name, t.Marketing))] : null,
        settings.UnsubscribeKeywords);

    /// <summary>The grains' form of settings sent to the API (the tenant's grain validates them).</summary>
    public static TenantSettings ToDomain(this Contracts.Tenants.TenantSettings settings) => new(
        settings.AutoReleaseMinutes, settings.IdleCloseMinutes, settings.NotificationEmails, settings.NotificationWebhookUrl, settings.WebhookSecret,
        // A missing part stays missing: the tenant's grain names it in its validation answer, as before the contracts.
        settings.WorkingHours is { } hours ? new WorkingHours(hours.TimeZone, hours.Week, hours.Holidays) : null!,
        settings.HandoffKeywords, settings.BotGiveUpAfter, settings.AutoAssign, settings.Texts, settings.FaqThreshold, settings.BotConfig, settings.Language,
        settings.SmallTalk, settings.FrustrationOffer, settings.FrustrationThreshold, settings.AiAnswers, settings.AiSemanticMatching, settings.AiOperatorAssist,
        settings.EmailNumberedChoices,
        settings.AutomationDisclosure is { } disclosed ? [.. disclosed.Select(k => k.ToDomain())] : null,
        settings.FaqTargetPrecision, settings.FaqDisambiguation,
        settings.SubscriptionTopics is { } topics
            ? [.. topics.Select(t => t is null ? null! : new Abstractions.Subscriptions.SubscriptionTopic(t.Key?.Trim() ?? "", t.Name?.Trim() ?? "", t.Marketing))]
            : null,
        settings.UnsubscribeKeywords is { } words ? [.. words.Select(w => w?.Trim() ?? "")] : null);

    /// <summary>The API form of a canned reply.</summary>
    public static Contracts.Tenants.CannedReply ToContract(this CannedReply reply) => new(
        reply.Id, reply.Shortcut, reply.Title, [.. reply.Contents.Select(c => c.ToContract())], reply.UsageCount);

    /// <summary>The grains' form of a canned reply sent to the API.</summary>
    public static CannedReply ToDomain(this Contracts.Tenants.CannedReply reply) => new(
        reply.Id, reply.Shortcut, reply.Title, reply.Contents is null ? null! : [.. reply.Contents.Select(c => c.ToDomain())], reply.UsageCount);

    /// <summary>The API form of an API key (without its secret).</summary>
    public static Contracts.Tenants.ApiKeyInfo ToContract(this ApiKeyInfo key) => new(
        key.Id, key.Name, (Contracts.Operators.OperatorRole)key.Role, key.Prefix, key.CreatedAt, key.LastUsedAt);

    /// <summary>The API form of a new API key, with its secret shown this once.</summary>
    public static Contracts.Tenants.ApiKeyCreated ToContract(this ApiKeyCreated created) => new(created.Info.ToContract(), created.Key);
}
