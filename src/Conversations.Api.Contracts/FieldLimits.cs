namespace Conversations.Api.Contracts;

/// <summary>
/// The size of every field and list the public API accepts, in one place. The contracts carry them as validation
/// attributes, so the OpenAPI document states them (maxLength, maxItems, minimum, maximum) and the API refuses a
/// value beyond them with a 400 naming the field; the channel gateways and the grains check the same numbers.
/// </summary>
/// <remarks>
/// Lengths are in UTF-16 characters (what the OpenAPI <c>maxLength</c> counts) unless the name says bytes. Where a
/// messenger has a limit of its own we take it (Telegram's message text, caption and callback data), so anything
/// the API accepts can be delivered whole. Bounded fields also keep every stored message, and so every event on the
/// operators' shared stream, small.
/// </remarks>
public static class FieldLimits
{
    /// <summary>A message's text: 4096, Telegram's limit for one message.</summary>
    public const int MessageText = 4096;

    /// <summary>An image's or document's caption: 1024, Telegram's caption limit.</summary>
    public const int Caption = 1024;

    /// <summary>A URL (image, link, button, webhook): 2048, what browsers and proxies reliably carry.</summary>
    public const int Url = 2048;

    /// <summary>A file id a channel gave us (Telegram's file_id).</summary>
    public const int ChannelFileId = 256;

    /// <summary>A MIME content type (RFC 6838 caps type and subtype at 127 characters each).</summary>
    public const int ContentType = 255;

    /// <summary>Why a file is not stored (a sentence for the operator).</summary>
    public const int MediaProblem = 500;

    /// <summary>A file's name as stored (sanitised; longer names are shortened, keeping the extension).</summary>
    public const int FileName = 255;

    /// <summary>A scenario step id.</summary>
    public const int StepId = 100;

    /// <summary>A link's title (shown as its button where the channel has link buttons).</summary>
    public const int LinkTitle = 256;

    /// <summary>A button's label: 64 characters (longer labels are cut by messengers' clients).</summary>
    public const int ButtonLabel = 64;

    /// <summary>
    /// A button's payload, in UTF-8 bytes: 64, Telegram's callback-data limit. A payload is never cut (the bot would
    /// not recognise it), so a longer one is refused.
    /// </summary>
    public const int ButtonPayloadBytes = 64;

    /// <summary>
    /// The payload a widget visitor's button press reports: the button's payload, or its label when it has none (the
    /// bot's labels are at most 100 characters). Longer is refused, never cut.
    /// </summary>
    public const int PressedButtonPayload = 100;

    /// <summary>Buttons under one message (the scenario's menus allow as many).</summary>
    public const int ButtonsPerMessage = 20;

    /// <summary>Messages in one reply or canned reply (a gallery).</summary>
    public const int MessagesPerReply = 10;

    /// <summary>A widget message's client id (unique per message, chosen by the browser).</summary>
    public const int ClientMessageId = 100;

    /// <summary>A canned reply's title, a tenant's name, a widget's title.</summary>
    public const int Title = 200;

    /// <summary>A person's display name (operator, admin).</summary>
    public const int DisplayName = 100;

    /// <summary>A slug, username, canned-reply shortcut or FAQ entry id: 40 (the slug rules allow 2–40).</summary>
    public const int Identifier = 40;

    /// <summary>A name of a thing: an API key's purpose.</summary>
    public const int Name = 100;

    /// <summary>A password: at least 8, at most 200 characters.</summary>
    public const int PasswordMin = 8;

    /// <inheritdoc cref="PasswordMin" />
    public const int PasswordMax = 200;

    /// <summary>A secret given to us (a Telegram bot token, a webhook signing secret): 256.</summary>
    public const int Secret = 256;

    /// <summary>A platform access token (Meta's system user tokens run to a few hundred characters).</summary>
    public const int AccessToken = 2048;

    /// <summary>An e-mail address: 254, the longest a mail system delivers (RFC 5321 path limit).</summary>
    public const int Email = 254;

    /// <summary>A mailbox's plain-text signature.</summary>
    public const int EmailSignature = 1000;

    /// <summary>A mailbox's DKIM selector (a DNS label).</summary>
    public const int DkimSelector = 63;

    /// <summary>A mailbox's DKIM private key in PEM (a 4096-bit RSA key is about 3.3 KB).</summary>
    public const int DkimPrivateKey = 8192;

    /// <summary>Notification e-mail addresses of a tenant.</summary>
    public const int NotificationEmails = 20;

    /// <summary>Handoff keywords of a tenant, and the length of each.</summary>
    public const int HandoffKeywords = 50;

    /// <inheritdoc cref="HandoffKeywords" />
    public const int HandoffKeyword = 50;

    /// <summary>The channels a tenant's bot discloses itself on.</summary>
    public const int AutomationDisclosureChannels = 20;

    /// <summary>A customer-facing text of a tenant (greeting, waiting-room answers...).</summary>
    public const int TenantText = 2000;

    /// <summary>A language code ("ru", "en").</summary>
    public const int LanguageCode = 8;

    /// <summary>Entries of a tenant's bot configuration.</summary>
    public const int BotConfigEntries = 50;

    /// <summary>A bot configuration key.</summary>
    public const int BotConfigKey = 50;

    /// <summary>A bot configuration value.</summary>
    public const int BotConfigValue = 500;

    /// <summary>Entries of one FAQ.</summary>
    public const int FaqEntries = 5000;

    /// <summary>Phrasings of one FAQ question, and the length of each.</summary>
    public const int FaqQuestions = 50;

    /// <inheritdoc cref="FaqQuestions" />
    public const int FaqQuestion = 1000;

    /// <summary>An FAQ answer (sent as one message, below <see cref="MessageText"/>).</summary>
    public const int FaqAnswer = 4000;

    /// <summary>A working-hours interval ("09:00-18:00") or a time-zone id.</summary>
    public const int ShortText = 64;

    /// <summary>Holidays in a tenant's working hours.</summary>
    public const int Holidays = 366;

    /// <summary>Minutes after the operator's last message before live chat turns off by itself (1–1440).</summary>
    public const int AutoReleaseMinutesMin = 1;

    /// <inheritdoc cref="AutoReleaseMinutesMin" />
    public const int AutoReleaseMinutesMax = 1440;

    /// <summary>Minutes of customer silence before a live chat closes (5–10080, a week).</summary>
    public const int IdleCloseMinutesMin = 5;

    /// <inheritdoc cref="IdleCloseMinutesMin" />
    public const int IdleCloseMinutesMax = 10080;

    /// <summary>Messages in a row the bot did not understand before it hands over (1–20).</summary>
    public const int BotGiveUpAfterMin = 1;

    /// <inheritdoc cref="BotGiveUpAfterMin" />
    public const int BotGiveUpAfterMax = 20;

    /// <summary>Most chats an operator takes at once.</summary>
    public const int OperatorCapacity = 50;

    /// <summary>A WhatsApp message template's name (Meta: at most 512 characters, lowercase letters, digits and underscores).</summary>
    public const int TemplateName = 512;

    /// <summary>A WhatsApp template's language and locale code ("en_US", "ru").</summary>
    public const int TemplateLanguage = 15;

    /// <summary>Most placeholder values of one template message.</summary>
    public const int TemplateParameters = 50;

    /// <summary>A WhatsApp template's body text (Meta: at most 1024 characters), and the longest value of one placeholder.</summary>
    public const int TemplateBody = 1024;

    /// <summary>Most templates a tenant keeps.</summary>
    public const int Templates = 1000;

    /// <summary>The business's own id of a customer (its CRM's id): 200 characters, no control characters.</summary>
    public const int ExternalId = 200;

    /// <summary>Attributes one push of a customer may set or remove.</summary>
    public const int CustomerAttributes = 100;

    /// <summary>An attribute's name: a Latin letter or '_', then letters, digits, '_' or '-' (what a scenario can name in <c>{customer.attributes.x}</c>).</summary>
    public const int AttributeName = 64;

    /// <summary>A text attribute's value.</summary>
    public const int AttributeValue = 1000;

    /// <summary>Longest notes operators keep on a customer.</summary>
    public const int CustomerNotes = 4000;

    /// <summary>Phone numbers or e-mail addresses in one push of a customer.</summary>
    public const int CustomerContacts = 10;

    /// <summary>A phone number as sent (E.164 has at most 15 digits; the rest is room for spaces and punctuation).</summary>
    public const int Phone = 32;

    /// <summary>A widget user's <c>userHash</c>: HMAC-SHA256 in hex, 64 characters.</summary>
    public const int UserHash = 64;

    /// <summary>A host name: 253 (RFC 1035).</summary>
    public const int Hostname = 253;

    /// <summary>A mailbox password or OAuth 2.0 access token (Microsoft 365's JWT access tokens run past 2000 characters).</summary>
    public const int MailCredential = 4096;

    /// <summary>Longest <c>Idempotency-Key</c> header of a message the business starts.</summary>
    public const int IdempotencyKey = 255;

    /// <summary>Most channels in a message's order of preference.</summary>
    public const int ChannelPreferences = 10;

    /// <summary>Most labels on one conversation (the domain's <c>ConversationLabels.MaxCount</c>).</summary>
    public const int Labels = 20;

    /// <summary>Longest label (the domain's <c>ConversationLabels.MaxLength</c>).</summary>
    public const int Label = 32;

    /// <summary>Most groups one operator is in (the domain's <c>OperatorGroups.MaxCount</c>); each named like a label.</summary>
    public const int OperatorGroups = 10;

    /// <summary>A tenant's subscription topics.</summary>
    public const int SubscriptionTopics = 50;

    /// <summary>A subscription topic's key (a-z, 0-9, '-', '_').</summary>
    public const int SubscriptionTopicKey = 32;

    /// <summary>A subscription topic's name.</summary>
    public const int SubscriptionTopicName = 100;

    /// <summary>A tenant's unsubscribe keywords.</summary>
    public const int UnsubscribeKeywords = 20;

    /// <summary>A scheduled time as text (ISO 8601).</summary>
    public const int DateTimeText = 40;

    /// <summary>Most event types one webhook subscription names.</summary>
    public const int WebhookEventTypes = 20;

    /// <summary>Most webhook subscriptions of a tenant.</summary>
    public const int WebhookSubscriptions = 10;

    /// <summary>Most deliveries one page of the delivery log lists.</summary>
    public const int WebhookDeliveriesPage = 200;

    /// <summary>Most data fields of one business event.</summary>
    public const int CustomerEventFields = 20;

    /// <summary>The state a scenario draft's test chat carries from one turn to the next (the bot's session and memory).</summary>
    public const int ScenarioTestState = 131_072;

    /// <summary>Most contents of one campaign (one for any channel, one per channel).</summary>
    public const int CampaignContents = 10;

    /// <summary>Most tags a campaign's audience asks for.</summary>
    public const int CampaignTags = 20;

    /// <summary>Most attributes a campaign's audience asks for.</summary>
    public const int CampaignAttributes = 20;

    /// <summary>Most campaigns or recipients in one page.</summary>
    public const int CampaignPage = 500;

    /// <summary>A website widget's title in its header (the widget shortens a longer one with an ellipsis).</summary>
    public const int WidgetTitle = 80;

    /// <summary>A website widget's greeting, shown above the conversation (a few sentences).</summary>
    public const int WidgetGreeting = 500;

    /// <summary>A website widget's accent colour: "#rrggbb".</summary>
    public const int WidgetColor = 7;
}
