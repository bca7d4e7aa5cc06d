using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Channels;
using Conversations.Grains.Conversations;
using Conversations.Grains.Operators;
using Conversations.Grains.Tenants;
using Conversations.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// The whole live-chat story through the real host: a Telegram customer asks for an operator, the business gets an
/// e-mail (SMTP sink), an operator takes the chat and answers (text and a canned reply), the customer receives it in
/// Telegram, an hour of operator silence later the chat is released and the bot answers again.
/// </summary>
public sealed class LiveChatEndToEndTests : IAsyncLifetime
{
    private const string Token = "555666:AAE-live-chat-token-abcdefghijklmno";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private TelegramSmtpHost _host = null!;
    private Guid _tenantId;

    public async Task InitializeAsync()
    {
        _host = await TelegramSmtpHost.StartAsync("live", Token, "live_bot", _clock);
        _tenantId = _host.TenantId;
        await _host.App.Grains.GetGrain<ITenantGrain>(_tenantId).UpdateSettingsAsync(TenantSettings.Default with { NotificationEmails = ["support@live.example"] });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_customer_gets_an_operator_and_the_bot_back_after_an_hour_of_operator_silence()
    {
        const long user = 4242;
        await PostAsync(Fixture.Load("text", user, text: "Здравствуйте, нужен оператор"));

        // Flagged in the queue, told so in Telegram, the business e-mailed.
        var queue = _host.App.Grains.GetGrain<IOperatorQueueGrain>(_tenantId);
        await Eventually.HoldsAsync(async () => (await queue.GetWaitingAsync()).Count == 1, "the customer in the queue");
        var waiting = (await queue.GetWaitingAsync())[0];
        await Eventually.HoldsAsync(() => Texts(user).Any(t => t.Contains("специалисту", StringComparison.Ordinal)), "the customer told");
        await Eventually.HoldsAsync(() => _host.Smtp.Mails.Count == 1, "the e-mail to the business");
        Assert.Equal(["support@live.example"], _host.Smtp.Mails[0].To);
        using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(_host.Smtp.Mails[0].Raw));
        var mail = await MimeKit.MimeMessage.LoadAsync(raw);
        Assert.Contains("Анна Петрова", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(waiting.ConversationId.ToString(), mail.TextBody, StringComparison.Ordinal);

        // The customer keeps writing while waiting: kept, shown to the operator, the bot stays silent.
        await PostAsync(Fixture.Load("text", user, text: "Заказ 123 не пришёл"));
        var conversation = _host.App.Grains.GetGrain<IConversationGrain>(new ConversationKey(_tenantId, waiting.ConversationId).ToGrainKey());

        // An operator takes it and answers with text and a canned reply.
        var olga = await _host.App.Grains.GetGrain<ITenantGrain>(_tenantId).AddOperatorAsync(new NewOperator("olga", "Ольга", OperatorRole.Operator, 5, "correct horse battery"));
        await conversation.TakeAsync(new OperatorRef(olga.OperatorId, "Ольга"));
        var history = await conversation.GetHistoryAsync(new HistoryQuery(IncludeBot: false, IncludeEvents: false));
        Assert.Equal(["Здравствуйте, нужен оператор", "Заказ 123 не пришёл"], history.Select(m => m.Content.ToPlainText()));

        await conversation.SendOperatorMessageAsync(olga.OperatorId, [new TextContent("Сейчас проверю заказ 123.")]);
        var library = _host.App.Grains.GetGrain<ICannedReplyLibraryGrain>(_tenantId);
        var canned = await library.SaveAsync(new CannedReply(Guid.Empty, "delivery", "Доставка",
            [new TextContent("Курьер приедет завтра.", [new Button("Отследить", Url: "https://live.example/track")])], 0));
        await conversation.SendOperatorMessageAsync(olga.OperatorId, (await library.UseAsync(canned.Id)).Contents);
        // Per-chat pacing: a burst of three, then one message a second, so let a few seconds pass.
        await Eventually.AdvanceUntilAsync(_clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10),
            () => Task.FromResult(Texts(user).Contains("Сейчас проверю заказ 123.") && Texts(user).Contains("Курьер приедет завтра.")),
            "the operator's replies in Telegram");
        Assert.Contains("Ольга", string.Join("\n", Texts(user)), StringComparison.Ordinal); // "operator Olga joined"
        Assert.Equal(1, (await library.ListAsync())[0].UsageCount);

        // An hour of operator silence (counted from the last reply): released, the customer told, the bot answers again.
        var lastReply = (await conversation.GetHistoryAsync(new HistoryQuery(Limit: 500))).Last(m => m.Direction == MessageDirection.Operator).CreatedAt;
        _clock.Advance(lastReply.AddMinutes(59) - _clock.GetUtcNow());
        Assert.Equal(ConversationStatus.LiveChat, (await conversation.GetViewAsync())!.Status);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.HoldsAsync(async () => (await conversation.GetViewAsync())!.Status == ConversationStatus.Bot, "auto-release");
        await Eventually.HoldsAsync(() => Texts(user).Any(t => t.Contains("бот на связи", StringComparison.Ordinal)), "the release notice");

        var before = Texts(user).Count;
        await PostAsync(Fixture.Load("text", user, text: "/start"));
        await Eventually.HoldsAsync(() => Texts(user).Count > before, "the bot answering again");
    }

    private IReadOnlyList<string> Texts(long user) => _host.Texts(user);

    private Task PostAsync(string update) => _host.PostAsync(update);
}
