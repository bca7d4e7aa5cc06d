namespace Conversations.Abstractions.Channels;

/// <summary>
/// The description of every channel kind, in one place, so that the domain (messaging windows), the bot (menus)
/// and delivery (splitting, pacing, retries) know a channel's rules even on a silo that does not run its gateway.
/// Adding a channel means adding its entry here plus its WebhookEndpoints, UpdateMapper and Sender (see README,
/// "Adding a channel").
/// </summary>
/// <remarks>
/// Platform figures come from the platforms' public documentation (named next to each entry); a channel whose
/// figures could not be confirmed there is left out rather than guessed, and <see cref="For"/> refuses it.
/// </remarks>
public static class ChannelCatalog
{
    private const long MB = 1024 * 1024;
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>The delivery defaults the code used before the catalogue stated rates: a chat gets 1 a second after a burst of 3, an account 30 a second.</summary>
    private static readonly ChannelRateLimits OurDefaults = new(30, 30, 1, 3);

    private static readonly Dictionary<ChannelKind, ChannelCapabilities> Capabilities = new()
    {
        // Telegram Bot API (core.telegram.org/bots/api, /bots/faq): 4096 characters per text, 1024 per caption;
        // inline keyboards of up to 100 buttons, callback_data 1–64 bytes; photos up to 10 MB, other files up to
        // 50 MB; about 30 messages a second per bot and 1 a second per chat (short bursts tolerated, then 429).
        // No idempotency key on sendMessage.
        [ChannelKind.Telegram] = new(ChannelKind.Telegram, 4096, 100, 64, true, true, MessagingWindowPolicy.Unlimited,
            MaxButtonPayloadBytes: 64,
            Media: [new(MediaKind.Image, 10 * MB), new(MediaKind.Video, 50 * MB), new(MediaKind.Audio, 50 * MB), new(MediaKind.Document, 50 * MB)],
            Rates: new(30, 30, 1, 3),
            SendIdempotencyKey: false),

        // Our own widget (WidgetUpdateMapper, WidgetSender): button payloads up to 200 characters; images by URL
        // only, no uploads; delivery is the commit itself, keyed by our message id, so a retry never shows twice.
        [ChannelKind.Widget] = new(ChannelKind.Widget, 10_000, 20, 80, true, true, MessagingWindowPolicy.Unlimited,
            MaxButtonPayloadBytes: 200,
            Media: [],
            Rates: OurDefaults,
            SendIdempotencyKey: true),

        // WhatsApp Cloud API (developers.facebook.com/documentation/business-messaging/whatsapp): free-form
        // ("service") messages only within the 24-hour customer service window opened by the user's last message;
        // interactive reply buttons: at most 3, title up to 20 characters, id up to 256 characters, no URL buttons;
        // text up to 4096 characters; images 5 MB, video and audio 16 MB, documents 100 MB; throughput 80 messages a
        // second per business phone number, received messages included (higher tiers are stated per account, see
        // DeliveryPacer.MessagesPerSecondSetting); pair rate about 1 message every 6 seconds to one user, bursts of up
        // to 45 borrowed from later (error 131056, then back off 4^X seconds; Cloud API "throughput" page).
        // The Messages API request has no idempotency key.
        [ChannelKind.WhatsApp] = new(ChannelKind.WhatsApp, 4096, 3, 20, true, false,
            new MessagingWindowPolicy(Day, Day, "WhatsApp 24-hour customer service window"),
            MaxButtonPayloadBytes: 256,
            Media: [new(MediaKind.Image, 5 * MB), new(MediaKind.Video, 16 * MB), new(MediaKind.Audio, 16 * MB), new(MediaKind.Document, 100 * MB)],
            Rates: new(80, 80, 1.0 / 6, 45, InboundCounts: true),
            SendIdempotencyKey: false),

        // Messenger Platform (developers.facebook.com/documentation/business-messaging/messenger-platform; Send API
        // reference): text "less than 2000 characters"; 24-hour standard messaging window, 7 days for a human agent
        // with the HUMAN_AGENT tag; quick replies: at most 13, titles up to 20 characters, plain text only (no URL);
        // attachments up to 25 MB, images fetched from a URL up to 8 MB; Send API 300 calls a second per Page for
        // text, links, reactions and stickers (.../messenger-platform/overview/rate-limiting; no per-recipient
        // figure). No quick-reply payload limit or idempotency key is stated.
        [ChannelKind.Messenger] = new(ChannelKind.Messenger, 1999, 13, 20, true, false,
            new MessagingWindowPolicy(Day, TimeSpan.FromDays(7), "Messenger 24-hour standard messaging window (HUMAN_AGENT tag: 7 days for human agents)", "HUMAN_AGENT"),
            MaxButtonPayloadBytes: null,
            Media: [new(MediaKind.Image, 8 * MB), new(MediaKind.Video, 25 * MB), new(MediaKind.Audio, 25 * MB), new(MediaKind.Document, 25 * MB)],
            Rates: new(300, 300, null, null),
            SendIdempotencyKey: false),

        // Instagram Messaging through the Messenger Platform (developers.facebook.com/documentation/business-messaging/
        // instagram-messaging/features/send-message; .../instagram-platform/instagram-api-with-instagram-login/
        // messaging-api/quick-replies): text up to 1000 UTF-8 bytes (500 characters keeps any Cyrillic text within it;
        // a sender must still check bytes for emoji); quick replies: at most 13, plain text up to 20 characters;
        // images png/jpeg up to 8 MB, audio and video up to 25 MB, no other files; the same 24-hour window and 7-day
        // HUMAN_AGENT tag as Messenger; Send API 300 calls a second per Instagram professional account
        // (.../messenger-platform/overview/rate-limiting). No payload limit or idempotency key is stated.
        [ChannelKind.Instagram] = new(ChannelKind.Instagram, 500, 13, 20, true, false,
            new MessagingWindowPolicy(Day, TimeSpan.FromDays(7), "Instagram 24-hour standard messaging window (HUMAN_AGENT tag: 7 days for human agents)", "HUMAN_AGENT"),
            MaxButtonPayloadBytes: null,
            Media: [new(MediaKind.Image, 8 * MB), new(MediaKind.Video, 25 * MB), new(MediaKind.Audio, 25 * MB)],
            Rates: new(300, 300, null, null),
            SendIdempotencyKey: false),

        // VK community messages (dev.vk.com/method/messages.send: message up to 9000 characters, random_id checked for
        // uniqueness over the whole history = an idempotency key; dev.vk.com/api/bots/development/keyboard: inline
        // keyboard of at most 10 keys in 6 rows of 5, labels up to 40 characters, payload a JSON string of at most 255
        // characters, of which our {"p":"..."} wrapping takes 8, hence 247; open_link buttons; dev.vk.com/api/api-requests:
        // 20 requests a second with a community token). No time window: the customer's permission (message_allow /
        // message_deny) decides instead. Photos go by VK's upload flow (dev.vk.com/api/upload/photo-in-message: up to
        // 50 MB), other files as documents (docs.getMessagesUploadServer/docs.save: up to 200 MB, not mp3 or
        // executables). No per-recipient rate is stated.
        [ChannelKind.Vk] = new(ChannelKind.Vk, 9000, 10, 40, false, true, MessagingWindowPolicy.Unlimited,
            MaxButtonPayloadBytes: 247,
            Media: [new(MediaKind.Image, 50 * MB), new(MediaKind.Document, 200 * MB)],
            Rates: new(20, 20, null, null),
            SendIdempotencyKey: true),

        // Viber REST bot API (developers.viber.com/docs/api/rest-bot-api, send_message; .../docs/tools/keyboards): text up
        // to 7000 characters; sender name up to 28; media by URL only: pictures (JPEG/PNG, 1 MB on iOS, 3 MB on Android,
        // description up to 120 characters here, 768 in the current message data models), videos (MP4, 27262976 bytes),
        // files (52428800 bytes, not the forbidden formats);
        // a keyboard of reply/open-url buttons, one full-width button a row, at most 12 rows (issue 17's limit); no label
        // or ActionBody limit is stated there, 40 characters keeps a label on its row; tracking_data (which carries our
        // label→payload map back) up to 4096 characters, checked by the sender. No time window: a customer is writable while
        // subscribed (status 6 once they unsubscribe); status 12 is rate control, with no per-second figure stated (the
        // documented cap is 100 messages an hour to a user who has not replied). No idempotency key on send_message.
        [ChannelKind.Viber] = new(ChannelKind.Viber, 7000, 12, 40, true, true, MessagingWindowPolicy.Unlimited,
            MaxButtonPayloadBytes: null,
            Media: [new(MediaKind.Image, 1 * MB), new(MediaKind.Video, 27_262_976), new(MediaKind.Document, 52_428_800)],
            Rates: ChannelRateLimits.NotStated,
            SendIdempotencyKey: false),

        // E-mail (our EmailSender over SMTP): no platform limits on text (RFC 5322 limits lines, not bodies; long texts
        // go in one mail), no buttons (menus become numbered lines), no messaging window. Attachments up to 25 MB
        // (Gmail's stated limit, support.google.com/mail/answer/6584). A mail has no idempotency key: a retry after a
        // lost SMTP answer may send twice (our Message-ID lets the customer's client fold it). Rates are our policy,
        // not a provider's figure: a recipient gets at most one mail every 10 s after a burst of 3, so two
        // auto-responders cannot loop at speed.
        [ChannelKind.Email] = new(ChannelKind.Email, 100_000, 0, 0, false, false, MessagingWindowPolicy.Unlimited,
            Media: [new(MediaKind.Document, 25 * MB), new(MediaKind.Image, 25 * MB)],
            Rates: new(null, null, 0.1, 3),
            SendIdempotencyKey: false),

        // Our notifications to the business (EmailNotificationSender, WebhookNotificationSender): no platform limits.
        // Webhook calls carry X-Conversations-Delivery (our message id) for the receiver to drop repeats.
        [ChannelKind.NotificationEmail] = new(ChannelKind.NotificationEmail, 100_000, 0, 0, false, false, MessagingWindowPolicy.Unlimited,
            Media: [], Rates: ChannelRateLimits.NotStated, SendIdempotencyKey: false),
        [ChannelKind.NotificationWebhook] = new(ChannelKind.NotificationWebhook, 100_000, 0, 0, false, false, MessagingWindowPolicy.Unlimited,
            Media: [], Rates: ChannelRateLimits.NotStated, SendIdempotencyKey: true),
        // One-time codes by SMS (SmsNotificationSender and its ISmsSender): 1 SMS concatenates up to ~10 parts; a code is short.
        [ChannelKind.NotificationSms] = new(ChannelKind.NotificationSms, 1000, 0, 0, false, false, MessagingWindowPolicy.Unlimited,
            Media: [], Rates: ChannelRateLimits.NotStated, SendIdempotencyKey: true),
    };

    /// <summary>Every channel kind the catalogue describes.</summary>
    public static IReadOnlyCollection<ChannelKind> Kinds => Capabilities.Keys;

    /// <summary>True for the business-notification kinds, which have no channel account and no customer behind them.</summary>
    public static bool IsNotification(ChannelKind kind) => kind is ChannelKind.NotificationEmail or ChannelKind.NotificationWebhook or ChannelKind.NotificationSms;

    /// <summary>The capabilities of <paramref name="kind"/>, or null when the catalogue does not describe it.</summary>
    public static ChannelCapabilities? Find(ChannelKind kind) => Capabilities.GetValueOrDefault(kind);

    /// <summary>The capabilities of <paramref name="kind"/>.</summary>
    public static ChannelCapabilities For(ChannelKind kind) =>
        Find(kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "The channel catalogue does not describe this channel kind.");
}
