namespace Conversations.Abstractions.Tenants;

/// <summary>The customer-facing texts a tenant can change, by key, with their defaults.</summary>
public static class TenantTexts
{
    /// <summary>Said when the customer asked for a human and operators work now.</summary>
    public const string HandoffNotified = "handoff.notified";

    /// <summary>Said when the customer asked for a human outside working hours; {nextOpening} is filled in.</summary>
    public const string HandoffOutOfHours = "handoff.outOfHours";

    /// <summary>Said when an operator joins; {operator} is filled in.</summary>
    public const string LiveChatStarted = "liveChat.started";

    /// <summary>Said when live chat ends and the bot is back.</summary>
    public const string LiveChatReleased = "liveChat.released";

    /// <summary>Sent when the operator reminds a silent customer.</summary>
    public const string IdleReminder = "idle.reminder";

    /// <summary>Said when the conversation closes after the customer stayed silent.</summary>
    public const string IdleClosed = "idle.closed";

    /// <summary>Said when an operator closes the conversation.</summary>
    public const string Closed = "conversation.closed";

    /// <summary>Confirms a callback request; {callbackAt} is filled in.</summary>
    public const string CallbackConfirmed = "callback.confirmed";

    /// <summary>Asks for a phone number for a callback.</summary>
    public const string CallbackNeedsPhone = "callback.needsPhone";

    /// <summary>Confirms a message left outside working hours.</summary>
    public const string MessageLeft = "handoff.messageLeft";

    /// <summary>Shown by the widget while it waits to resend a message the server refused as too many (429).</summary>
    public const string WidgetSlowDown = "widget.slowDown";

    /// <summary>The label of the button that opens a menu shown as a list (WhatsApp list messages: at most 20 characters).</summary>
    public const string MenuListButton = "menu.listButton";

    /// <summary>The texts the widget script shows itself; the session hands them over.</summary>
    public static IReadOnlyList<string> Widget { get; } = [WidgetSlowDown];

    /// <summary>Every key with its default text.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [HandoffNotified] = "Мы передали ваш вопрос специалисту — он скоро подключится. Пока опишите, пожалуйста, проблему подробнее: все сообщения сохранятся.",
        [HandoffOutOfHours] = "Сейчас операторы не работают, они вернутся {nextOpening}. Оставьте сообщение — мы ответим, как только начнём работу, или попросите перезвонить в удобное время.",
        [LiveChatStarted] = "К чату подключился оператор {operator}.",
        [LiveChatReleased] = "Оператор завершил чат. Если понадобится помощь — напишите, бот на связи.",
        [IdleReminder] = "Мы ждём вашего ответа — напишите, пожалуйста, удобно ли продолжить.",
        [IdleClosed] = "Мы закрыли этот чат, так как долго не получали ответа. Напишите в любой момент — мы поможем.",
        [Closed] = "Чат завершён. Спасибо за обращение!",
        [CallbackConfirmed] = "Хорошо, перезвоним вам {callbackAt}.",
        [CallbackNeedsPhone] = "Оставьте, пожалуйста, номер телефона для обратного звонка.",
        [MessageLeft] = "Спасибо, сообщение сохранено — операторы ответят в рабочее время.",
        [MenuListButton] = "Выбрать",
        [WidgetSlowDown] = "Слишком много сообщений подряд — отправим это через несколько секунд, ничего не потеряется.",
    };
}
