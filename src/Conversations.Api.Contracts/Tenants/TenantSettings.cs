using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Validation;

namespace Conversations.Api.Contracts.Tenants;

/// <summary>A tenant's settings for live chat and the bot.</summary>
/// <param name="AutoReleaseMinutes">Live chat turns off this many minutes after the operator's last message (1–1440).</param>
/// <param name="IdleCloseMinutes">A live chat closes after this many minutes of customer silence; null = never (5–10080).</param>
/// <param name="NotificationEmails">Who is e-mailed when a customer asks for a human.</param>
/// <param name="NotificationWebhookUrl">An HTTPS URL that receives a signed POST when a customer asks for a human.</param>
/// <param name="WebhookSecret">The HMAC-SHA256 key of those webhook calls (generated when a URL is set without one).</param>
/// <param name="WorkingHours">When operators work.</param>
/// <param name="HandoffKeywords">Words that mean "give me a human".</param>
/// <param name="BotGiveUpAfter">After this many messages in a row the bot did not understand, it hands over (1–20).</param>
/// <param name="AutoAssign">Assign waiting customers to online operators automatically.</param>
/// <param name="Texts">Customer-facing texts by key (see TenantTexts); missing keys use the defaults.</param>
/// <param name="FaqThreshold">Confidence below which the FAQ does not answer (0–1).</param>
/// <param name="BotConfig">Values the scenario reads as <c>{config.key}</c> (e.g. <c>crmBaseUrl</c>).</param>
/// <param name="Language">The language of the default customer texts: "ru" or "en" (null or absent: Russian).</param>
/// <param name="SmallTalk">Answer greetings, thanks, goodbye, yes/no and "operator please" as such (null or absent: on).</param>
/// <param name="FrustrationOffer">Offer an operator when the customer seems frustrated, before they ask (null or absent: on).</param>
/// <param name="FrustrationThreshold">The frustration score at which the bot offers an operator (1–20; null or absent: 3).</param>
/// <param name="AiAnswers">Let the platform's AI model answer, only from the FAQ entries and citing one, what the FAQ matcher is not sure of (null or absent: off).</param>
/// <param name="AiSemanticMatching">Blend the FAQ match with an embedding model's similarity (null or absent: off).</param>
/// <param name="AiOperatorAssist">Offer operators a summary and a suggested reply (null or absent: off).</param>
/// <param name="EmailNumberedChoices">
/// On e-mail, run the scenario with its menus as numbered choices answered by mail (null or absent: off: the bot answers
/// a mail once, with an acknowledgement and a confident FAQ answer, and hands it over to the operators).
/// </param>
/// <param name="AutomationDisclosure">
/// The channels on which the bot says it is a bot (the text <c>automation.disclosure</c>) once per conversation, before its
/// first automated reply (at most 20; null or absent: Messenger and Instagram, as Meta's policy asks; empty: nowhere).
/// </param>
/// <param name="FaqTargetPrecision">The share of the FAQ's answers that should be right (0.5–0.99; null or absent: 0.95): the knowledge base's threshold and margin are calibrated for it.</param>
/// <param name="SubscriptionTopics">
/// The subjects the business writes to customers about (at most 50; null or absent: none): a message the business starts
/// names one as <c>topic</c>; an opted-out customer is refused with the rule <c>topic.unsubscribed</c>, and a marketing
/// topic's messages carry an unsubscribe button (or a line with the keyword where the channel has no buttons).
/// </param>
/// <param name="UnsubscribeKeywords">
/// Messages that opt a customer out of every marketing topic when they are the whole message (at most 20; null or
/// absent: stop, unsubscribe, стоп, отписаться).
/// </param>
/// <param name="FaqDisambiguation">Ask "did you mean …?" with the close FAQ entries as choices when none wins clearly (null or absent: on); off, such questions are handed over.</param>
public sealed record TenantSettings(
    [property: Range(FieldLimits.AutoReleaseMinutesMin, FieldLimits.AutoReleaseMinutesMax)] int AutoReleaseMinutes,
    [property: Range(FieldLimits.IdleCloseMinutesMin, FieldLimits.IdleCloseMinutesMax)] int? IdleCloseMinutes,
    [property: MaxLength(FieldLimits.NotificationEmails), EachMaxLength(FieldLimits.Email)] IReadOnlyList<string> NotificationEmails,
    [property: MaxLength(FieldLimits.Url)] string? NotificationWebhookUrl,
    [property: MaxLength(FieldLimits.Secret)] string? WebhookSecret,
    WorkingHours WorkingHours,
    [property: MaxLength(FieldLimits.HandoffKeywords), EachMaxLength(FieldLimits.HandoffKeyword)] IReadOnlyList<string> HandoffKeywords,
    [property: Range(FieldLimits.BotGiveUpAfterMin, FieldLimits.BotGiveUpAfterMax)] int BotGiveUpAfter,
    bool AutoAssign,
    [property: EachMaxLength(FieldLimits.TenantText)] IReadOnlyDictionary<string, string> Texts,
    [property: Range(0d, 1d)] double FaqThreshold,
    [property: EachMaxLength(FieldLimits.BotConfigValue)] IReadOnlyDictionary<string, string>? BotConfig = null,
    [property: MaxLength(FieldLimits.LanguageCode)] string? Language = null,
    bool? SmallTalk = null,
    bool? FrustrationOffer = null,
    [property: Range(1d, 20d)] double? FrustrationThreshold = null,
    bool? AiAnswers = null,
    bool? AiSemanticMatching = null,
    bool? AiOperatorAssist = null,
    bool? EmailNumberedChoices = null,
    [property: MaxLength(FieldLimits.AutomationDisclosureChannels)] IReadOnlyList<Channels.ChannelKind>? AutomationDisclosure = null,
    [property: Range(0.5d, 0.99d)] double? FaqTargetPrecision = null,
    bool? FaqDisambiguation = null,
    [property: MaxLength(FieldLimits.SubscriptionTopics)] IReadOnlyList<SubscriptionTopic>? SubscriptionTopics = null,
    [property: MaxLength(FieldLimits.UnsubscribeKeywords), EachMaxLength(FieldLimits.HandoffKeyword)] IReadOnlyList<string>? UnsubscribeKeywords = null);
