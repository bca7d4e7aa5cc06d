namespace Conversations.Abstractions.Tenants;

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
/// <param name="Texts">Customer-facing texts by key (see <see cref="TenantTexts"/>); missing keys use the defaults.</param>
/// <param name="FaqThreshold">Confidence below which the FAQ does not answer (0–1).</param>
/// <param name="BotConfig">Values the scenario reads as <c>{config.key}</c> (e.g. <c>crmBaseUrl</c>).</param>
/// <param name="Language">
/// The language of the default customer texts: "ru" or "en" (null: Russian, what tenants had before the setting).
/// </param>
/// <param name="SmallTalk">Answer greetings, thanks, goodbye, yes/no and "operator please" as such (null: on).</param>
/// <param name="FrustrationOffer">Offer an operator when the customer seems frustrated, before they ask (null: on).</param>
/// <param name="FrustrationThreshold">
/// The frustration score at which the bot offers an operator (1–20; null: <see cref="DefaultFrustrationThreshold"/>).
/// </param>
/// <param name="AiAnswers">
/// Let the platform's AI model answer, only from the FAQ entries and citing one, what the FAQ matcher is not sure of
/// (null: off; needs the platform's <c>Conversations:Ai</c> chat model).
/// </param>
/// <param name="AiSemanticMatching">Blend the FAQ match with an embedding model's similarity (null: off; needs the platform's embedding model).</param>
/// <param name="AiOperatorAssist">Offer operators a summary and a suggested reply (null: off; needs the platform's chat model).</param>
/// <param name="EmailNumberedChoices">
/// On e-mail, run the scenario with its menus as numbered choices the customer answers by mail (null: off; the bot then
/// answers a mail once, an acknowledgement and a confident FAQ answer, and hands it over).
/// </param>
/// <param name="AutomationDisclosure">
/// The channels on which the bot says it is a bot (<see cref="TenantTexts.AutomationDisclosure"/>) before its first
/// automated reply in a conversation (null: <see cref="DefaultAutomationDisclosure"/>; empty: nowhere).
/// </param>
/// <param name="FaqTargetPrecision">
/// The share of the FAQ's answers that should be right (0.5–0.99; null: <see cref="DefaultFaqTargetPrecision"/>): the
/// knowledge base's threshold and margin are calibrated for it.
/// </param>
/// <param name="FaqDisambiguation">Ask "did you mean …?" when close FAQ entries tie (null: on); off, such questions are handed over.</param>
/// <param name="SubscriptionTopics">
/// The subjects the business writes to customers about (up to 50); a message the business starts may name one, and a
/// customer who opted out of it is not written to about it (null: none).
/// </param>
/// <param name="UnsubscribeKeywords">
/// Messages that opt the customer out of every marketing topic when they are the whole message (null:
/// <see cref="DefaultUnsubscribeKeywords"/>).
/// </param>
[GenerateSerializer, Immutable, Alias("conv.TenantSettings")]
public sealed record TenantSettings(
    [property: Id(0)] int AutoReleaseMinutes,
    [property: Id(1)] int? IdleCloseMinutes,
    [property: Id(2)] IReadOnlyList<string> NotificationEmails,
    [property: Id(3)] string? NotificationWebhookUrl,
    [property: Id(4)] string? WebhookSecret,
    [property: Id(5)] WorkingHours WorkingHours,
    [property: Id(6)] IReadOnlyList<string> HandoffKeywords,
    [property: Id(7)] int BotGiveUpAfter,
    [property: Id(8)] bool AutoAssign,
    [property: Id(9)] IReadOnlyDictionary<string, string> Texts,
    [property: Id(10)] double FaqThreshold,
    [property: Id(11)] IReadOnlyDictionary<string, string>? BotConfig = null,
    [property: Id(12)] string? Language = null,
    [property: Id(13)] bool? SmallTalk = null,
    [property: Id(14)] bool? FrustrationOffer = null,
    [property: Id(15)] double? FrustrationThreshold = null,
    [property: Id(16)] bool? AiAnswers = null,
    [property: Id(17)] bool? AiSemanticMatching = null,
    [property: Id(18)] bool? AiOperatorAssist = null,
    [property: Id(19)] bool? EmailNumberedChoices = null,
    [property: Id(20)] IReadOnlyList<Channels.ChannelKind>? AutomationDisclosure = null,
    [property: Id(21)] double? FaqTargetPrecision = null,
    [property: Id(22)] bool? FaqDisambiguation = null,
    [property: Id(25)] IReadOnlyList<Subscriptions.SubscriptionTopic>? SubscriptionTopics = null,
    [property: Id(26)] IReadOnlyList<string>? UnsubscribeKeywords = null)
{
    /// <summary>The unsubscribe keywords of a tenant that sets none, in both default languages.</summary>
    public static IReadOnlyList<string> DefaultUnsubscribeKeywords { get; } = ["stop", "unsubscribe", "стоп", "отписаться"];

    /// <summary>The words that opt a customer out: the tenant's, else <see cref="DefaultUnsubscribeKeywords"/>.</summary>
    public IReadOnlyList<string> UnsubscribeKeywordsOrDefault => UnsubscribeKeywords is { Count: > 0 } own ? own : DefaultUnsubscribeKeywords;

    /// <summary>The tenant's topic with <paramref name="key"/>, or null.</summary>
    public Subscriptions.SubscriptionTopic? Topic(string key) => SubscriptionTopics?.FirstOrDefault(t => t.Key == key);

    /// <summary>
    /// Where the bot discloses itself unless the tenant says otherwise: Messenger and Instagram, whose platform policy
    /// asks automated chats to say so at the beginning of a conversation where the law requires it (California, Germany).
    /// </summary>
    public static IReadOnlyList<Channels.ChannelKind> DefaultAutomationDisclosure { get; } = [Channels.ChannelKind.Messenger, Channels.ChannelKind.Instagram];

    /// <summary>The channels the bot discloses itself on: the tenant's list, else <see cref="DefaultAutomationDisclosure"/>.</summary>
    public IReadOnlyList<Channels.ChannelKind> AutomationDisclosureOn => AutomationDisclosure ?? DefaultAutomationDisclosure;

    /// <summary>The FAQ's target precision when the tenant sets none.</summary>
    public const double DefaultFaqTargetPrecision = 0.95;

    /// <summary>The precision the knowledge base is calibrated for.</summary>
    public double FaqTargetPrecisionOrDefault => FaqTargetPrecision ?? DefaultFaqTargetPrecision;

    /// <summary>True when the bot asks "did you mean …?" (the default).</summary>
    public bool FaqDisambiguationOn => FaqDisambiguation ?? true;

    /// <summary>The frustration score at which an operator is offered when the tenant sets none.</summary>
    public const double DefaultFrustrationThreshold = 3;

    /// <summary>True when small talk is recognised (the default).</summary>
    public bool SmallTalkOn => SmallTalk ?? true;

    /// <summary>The score at which an operator is offered, or null when the tenant switched the offer off.</summary>
    public double? FrustrationOfferAt => FrustrationOffer ?? true ? FrustrationThreshold ?? DefaultFrustrationThreshold : null;

    /// <summary>What a new tenant starts with.</summary>
    public static TenantSettings Default { get; } = new(
        60, null, [], null, null, WorkingHours.AlwaysOpen,
        ["оператор", "человек", "живой", "operator", "human", "agent"], 3, true,
        new Dictionary<string, string>(StringComparer.Ordinal), 0.6, Language: "ru");

    /// <summary>The text for <paramref name="key"/>: the tenant's own, or the default in the tenant's language.</summary>
    public string Text(string key) =>
        Texts.TryGetValue(key, out var text) && !string.IsNullOrWhiteSpace(text) ? text : TenantTexts.DefaultsFor(Language).GetValueOrDefault(key, key);

    /// <summary>Every problem with these settings, each naming the field (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (AutoReleaseMinutes is < 1 or > 1440)
        {
            problems.Add("autoReleaseMinutes: must be between 1 and 1440.");
        }

        if (IdleCloseMinutes is < 5 or > 10080)
        {
            problems.Add("idleCloseMinutes: must be between 5 and 10080, or null to never close idle chats.");
        }

        // A body may leave out or null any part: each missing part is named instead of failing on it.
        if (NotificationEmails is null || HandoffKeywords is null || Texts is null || WorkingHours is null)
        {
            problems.AddRange(new (string Name, object? Value)[]
                {
                    ("notificationEmails", NotificationEmails), ("handoffKeywords", HandoffKeywords), ("texts", Texts), ("workingHours", WorkingHours),
                }
                .Where(part => part.Value is null)
                .Select(part => $"{part.Name}: required (an empty list or object when there is nothing to set)."));
            return problems;
        }

        foreach (var email in NotificationEmails)
        {
            if (email is null || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email.Trim())
            {
                problems.Add($"notificationEmails: '{email}' is not an e-mail address.");
            }
        }

        if (NotificationWebhookUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            problems.Add($"notificationWebhookUrl: '{url}' is not an http(s) URL.");
        }

        if (Language is not null && !TenantTexts.Languages.Contains(Language))
        {
            problems.Add($"language: '{Language}' has no default texts; use one of {string.Join(", ", TenantTexts.Languages)}.");
        }

        problems.AddRange(WorkingHours.Problems());
        if (HandoffKeywords.Count > 50 || HandoffKeywords.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 50))
        {
            problems.Add("handoffKeywords: at most 50 non-empty words of at most 50 characters.");
        }

        if (BotGiveUpAfter is < 1 or > 20)
        {
            problems.Add("botGiveUpAfter: must be between 1 and 20.");
        }

        foreach (var key in Texts.Keys.Where(k => !TenantTexts.Defaults.ContainsKey(k)))
        {
            problems.Add($"texts.{key}: unknown text key; known keys: {string.Join(", ", TenantTexts.Defaults.Keys)}.");
        }

        foreach (var (key, text) in Texts.Where(t => t.Value is null || t.Value.Length > 2000))
        {
            problems.Add($"texts.{key}: at most 2000 characters.");
        }

        if (AutomationDisclosure is { } disclosed
            && (disclosed.Count > 20 || disclosed.Any(k => !Enum.IsDefined(k) || Channels.ChannelCatalog.IsNotification(k))))
        {
            problems.Add("automationDisclosure: at most 20 customer channels (Telegram, Widget, Vk, Viber, WhatsApp, Messenger, Instagram, Email...).");
        }

        if (BotConfig is { } config && (config.Count > 50 || config.Any(c => c.Key.Length is 0 or > 50 || c.Value is null || c.Value.Length > 500)))
        {
            problems.Add("botConfig: at most 50 entries, keys of 1–50 characters, values of at most 500.");
        }

        if (FaqThreshold is < 0 or > 1 || double.IsNaN(FaqThreshold))
        {
            problems.Add("faqThreshold: must be between 0 and 1.");
        }

        if (FaqTargetPrecision is { } target && (target is < 0.5 or > 0.99 || double.IsNaN(target)))
        {
            problems.Add("faqTargetPrecision: must be between 0.5 and 0.99, or null for 0.95.");
        }

        problems.AddRange(SubscriptionProblems());
        if (FrustrationThreshold is { } frustration && (frustration is < 1 or > 20 || double.IsNaN(frustration)))
        {
            problems.Add("frustrationThreshold: must be between 1 and 20, or null for the default.");
        }

        return problems;
    }

    private IEnumerable<string> SubscriptionProblems()
    {
        if (SubscriptionTopics is { } topics)
        {
            if (topics.Count > 50)
            {
                yield return "subscriptionTopics: at most 50 topics.";
            }

            for (var i = 0; i < topics.Count; i++)
            {
                if (topics[i] is not { } topic)
                {
                    yield return $"subscriptionTopics[{i}]: a topic is required.";
                }
                else if (!Subscriptions.SubscriptionTopic.IsKey(topic.Key))
                {
                    yield return $"subscriptionTopics[{i}].key: 1 to 32 of a-z, 0-9, '-' and '_'.";
                }
                else if (string.IsNullOrWhiteSpace(topic.Name) || topic.Name.Length > 100)
                {
                    yield return $"subscriptionTopics[{i}].name: 1 to 100 characters.";
                }
                else if (topics.Take(i).Any(t => t?.Key == topic.Key))
                {
                    yield return $"subscriptionTopics[{i}].key: '{topic.Key}' appears twice.";
                }
            }
        }

        if (UnsubscribeKeywords is { } words && (words.Count > 20 || words.Any(w => string.IsNullOrWhiteSpace(w) || w.Length > 50)))
        {
            yield return "unsubscribeKeywords: at most 20 non-empty words of at most 50 characters.";
        }
    }
}
