using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Channels;
using Conversations.Grains.Channels;
using Conversations.Grains.Conversations;
using Conversations.Grains.Operators;
using Conversations.Grains.Tenants;
using Conversations.Testing;

namespace Conversations.Grains.Tests;

/// <summary>Handoff, the operators' queue, taking, replying, releasing and the live-chat timers, on a fake clock.</summary>
public sealed class LiveChatTests(LiveChatFixture fixture) : IClassFixture<LiveChatFixture>
{
    private static long _user = 900_000;

    private IClusterClient Grains => fixture.Grains;

    private static long NewUser() => Interlocked.Increment(ref _user);

    private async Task<(IConversationGrain Conversation, InboundResult First)> CustomerWritesAsync(Guid tenant, long user, string text, ChannelKind channel = ChannelKind.Telegram)
    {
        var message = Inbound.Text(tenant, user, text);
        if (channel != ChannelKind.Telegram)
        {
            message = message with
            {
                Identity = message.Identity with { Kind = channel },
                ReplyTo = message.ReplyTo with { Kind = channel },
            };
        }

        var result = await Grains.SendAsync(message);
        return (Grains.Conversation(result), result);
    }

    private static async Task<ConversationView> ViewAsync(IConversationGrain conversation) => (await conversation.GetViewAsync())!;

    private async Task WaitForStatusAsync(IConversationGrain conversation, ConversationStatus status) =>
        await Eventually.HoldsAsync(async () => (await ViewAsync(conversation)).Status == status, $"status {status}");

    [Fact]
    public async Task Asking_for_a_human_flags_the_customer_tells_them_and_notifies_the_business()
    {
        var tenant = await fixture.NewTenantAsync(s => s with { NotificationEmails = ["support@shop.example"], NotificationWebhookUrl = "https://shop.example/hooks" });
        var (conversation, _) = await CustomerWritesAsync(tenant, NewUser(), "Позовите оператора, пожалуйста");

        await WaitForStatusAsync(conversation, ConversationStatus.WaitingForOperator);

        var view = await ViewAsync(conversation);
        Assert.Equal(fixture.Clock.GetUtcNow(), view.WaitingSince);
        Assert.Contains("asked for an operator", view.HandoffReason, StringComparison.Ordinal);
        Assert.Contains(await fixture.ToCustomerAsync(conversation), m => m.Content.ToPlainText().Contains("специалисту", StringComparison.Ordinal));
        var history = await conversation.GetHistoryAsync(new HistoryQuery());
        Assert.Contains(history, m => m.Content is EventContent { Event: ConversationEventKind.OperatorRequested });
        Assert.Contains(await Grains.GetGrain<IOperatorQueueGrain>(tenant).GetWaitingAsync(), e => e.ConversationId == view.ConversationId);
        var backlog = await fixture.Outbox.GetBacklogAsync();
        Assert.True(backlog.Open >= 2); // the e-mail and the webhook are queued with the customer's notice
    }

    [Fact]
    public async Task The_bot_hands_over_after_not_understanding_several_messages_in_a_row()
    {
        var tenant = await fixture.NewTenantAsync(s => s with { BotGiveUpAfter = 2 });
        var user = NewUser();
        var (conversation, _) = await CustomerWritesAsync(tenant, user, "мне нужна справка о доставке в Улан-Удэ");
        await Eventually.HoldsAsync(async () => (await fixture.ToCustomerAsync(conversation)).Count == 1, "first reply");
        Assert.Equal(ConversationStatus.Bot, (await ViewAsync(conversation)).Status);

        await CustomerWritesAsync(tenant, user, "и про сроки тоже");

        await WaitForStatusAsync(conversation, ConversationStatus.WaitingForOperator);
        Assert.Contains("did not understand 2", (await ViewAsync(conversation)).HandoffReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_working_hours_the_customer_learns_when_operators_are_back_and_can_ask_for_a_callback()
    {
        // Operators work tomorrow only (09:00–18:00 UTC), so now is outside working hours.
        var now = fixture.Clock.GetUtcNow();
        var tomorrow = now.Date.AddDays(1);
        var opening = new DateTimeOffset(tomorrow.AddHours(9), TimeSpan.Zero);
        var tenant = await fixture.NewTenantAsync(s => s with
        {
            WorkingHours = new WorkingHours("UTC", new Dictionary<DayOfWeek, IReadOnlyList<string>> { [tomorrow.DayOfWeek] = ["09:00-18:00"] }, []),
        });
        var user = NewUser();
        var (conversation, _) = await CustomerWritesAsync(tenant, user, "человек нужен");
        await WaitForStatusAsync(conversation, ConversationStatus.WaitingForOperator);
        var notice = (await fixture.ToCustomerAsync(conversation)).Last();
        Assert.Contains(opening.ToString("dd.MM HH:mm", System.Globalization.CultureInfo.InvariantCulture), notice.Content.ToPlainText(), StringComparison.Ordinal);
        var buttons = Assert.IsType<TextContent>(notice.Content).Buttons!;

        await Grains.SendAsync(Inbound.Telegram(tenant, user, new ContactContent("+79005553535", "Anna", null, user.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await Grains.SendAsync(Inbound.Telegram(tenant, user, new ButtonPressContent(buttons[1].Payload!, buttons[1].Label)));
        await Eventually.HoldsAsync(async () => (await fixture.ToCustomerAsync(conversation)).Last().Content is TextContent { Buttons.Count: 3 }, "callback slots offered");
        var slot = ((TextContent)(await fixture.ToCustomerAsync(conversation)).Last().Content).Buttons![0];
        await Grains.SendAsync(Inbound.Telegram(tenant, user, new ButtonPressContent(slot.Payload!, slot.Label)));

        await Eventually.HoldsAsync(async () => (await ViewAsync(conversation)).CallbackAt is not null, "callback recorded");
        var view = await ViewAsync(conversation);
        var callbackAt = view.CallbackAt!.Value;
        Assert.Equal(opening, callbackAt);
        await Eventually.HoldsAsync(async () => (await Grains.GetGrain<IOperatorQueueGrain>(tenant).GetWaitingAsync())
            .Any(e => e.ConversationId == view.ConversationId && e.CallbackAt == callbackAt), "callback in the queue");
    }

    [Fact]
    public async Task Two_operators_taking_one_chat_at_once_exactly_one_wins_and_the_other_gets_a_conflict()
    {
        var tenant = await fixture.NewTenantAsync();
        var olga = await fixture.NewOperatorAsync(tenant, "Olga");
        var ivan = await fixture.NewOperatorAsync(tenant, "Ivan");
        var (conversation, _) = await CustomerWritesAsync(tenant, NewUser(), "оператор");
        await WaitForStatusAsync(conversation, ConversationStatus.WaitingForOperator);

        var attempts = await Task.WhenAll(
            Task.Run(async () => await Try(() => conversation.TakeAsync(olga))),
            Task.Run(async () => await Try(() => conversation.TakeAsync(ivan))));

        Assert.Single(attempts, a => a is null);
        var conflict = Assert.Single(attempts, a => a is not null)!;
        Assert.Equal(DomainErrorCode.Conflict, conflict.Code);
        Assert.Contains("already taken", conflict.Message, StringComparison.Ordinal);
        var view = await ViewAsync(conversation);
        Assert.Equal(ConversationStatus.LiveChat, view.Status);
        Assert.Contains(view.AssignedOperatorId, new Guid?[] { olga.OperatorId, ivan.OperatorId });

        static async Task<DomainException?> Try(Func<Task> take)
        {
            try
            {
                await take();
                return null;
            }
            catch (DomainException ex)
            {
                return ex;
            }
        }
    }

    [Fact]
    public async Task Waiting_customers_go_to_online_operators_under_capacity_and_the_backlog_is_picked_up_when_a_slot_frees()
    {
        var tenant = await fixture.NewTenantAsync();
        var offline = await fixture.NewOperatorAsync(tenant, "Sleepy");
        var (first, _) = await CustomerWritesAsync(tenant, NewUser(), "оператор");
        await WaitForStatusAsync(first, ConversationStatus.WaitingForOperator);
        fixture.Advance(TimeSpan.FromMinutes(1));
        var (second, _) = await CustomerWritesAsync(tenant, NewUser(), "оператор");
        await WaitForStatusAsync(second, ConversationStatus.WaitingForOperator);
        Assert.Equal(ConversationStatus.WaitingForOperator, (await ViewAsync(first)).Status); // nobody online: nobody assigned

        var olga = await fixture.NewOperatorAsync(tenant, "Olga", OperatorPresence.Online, capacity: 1);

        await WaitForStatusAsync(first, ConversationStatus.LiveChat); // the longest-waiting customer first
        Assert.Equal(olga.OperatorId, (await ViewAsync(first)).AssignedOperatorId);
        Assert.Equal(ConversationStatus.WaitingForOperator, (await ViewAsync(second)).Status); // Olga is at capacity

        await first.ReleaseAsync(olga.OperatorId);

        await WaitForStatusAsync(second, ConversationStatus.LiveChat);
        Assert.Equal(olga.OperatorId, (await ViewAsync(second)).AssignedOperatorId);
        Assert.Empty((await fixture.Operator(tenant, offline.OperatorId).GetAsync())!.ActiveChats);
    }

    [Fact]
    public async Task A_chat_transferred_to_a_group_waits_for_a_member_without_holding_up_the_queue()
    {
        var tenant = await fixture.NewTenantAsync();
        var olga = await fixture.NewOperatorAsync(tenant, "Olga", OperatorPresence.Online, capacity: 5);
        var ivan = await fixture.NewOperatorAsync(tenant, "Ivan");
        var member = await fixture.Operator(tenant, ivan.OperatorId).UpdateAsync(null, null, null, ["  Billing ", "billing", "returns"]);
        Assert.Equal(["billing", "returns"], member.Groups);
        var (billing, _) = await CustomerWritesAsync(tenant, NewUser(), "оператор");
        await WaitForStatusAsync(billing, ConversationStatus.LiveChat);
        Assert.Equal(olga.OperatorId, (await ViewAsync(billing)).AssignedOperatorId);

        var passed = await billing.TransferToGroupAsync(olga.OperatorId, "BILLING", "Двойное списание");

        // Olga is online with free slots, but not in the group: the chat waits for a member...
        Assert.Equal(ConversationStatus.WaitingForOperator, passed.Status);
        Assert.Null(passed.AssignedOperatorId);
        var (other, _) = await CustomerWritesAsync(tenant, NewUser(), "оператор");
        await WaitForStatusAsync(other, ConversationStatus.LiveChat); // ...and the customer behind it is not held up
        Assert.Equal(olga.OperatorId, (await ViewAsync(other)).AssignedOperatorId);
        Assert.Equal(ConversationStatus.WaitingForOperator, (await ViewAsync(billing)).Status);
        var queued = await Grains.GetGrain<IOperatorQueueGrain>(tenant).GetWaitingAsync();
        Assert.Equal("billing", Assert.Single(queued, e => e.ConversationId == passed.ConversationId).Group);

        // A member comes online: the chat is theirs; the customer was told in the tenant's words, the note kept.
        await fixture.Operator(tenant, ivan.OperatorId).SetPresenceAsync(OperatorPresence.Online);
        await WaitForStatusAsync(billing, ConversationStatus.LiveChat);
        Assert.Equal(ivan.OperatorId, (await ViewAsync(billing)).AssignedOperatorId);
        var history = await billing.GetHistoryAsync(new HistoryQuery(IncludeBot: true, IncludeEvents: true));
        var told = TenantTexts.Defaults[TenantTexts.TransferredToGroup].Replace("{group}", "billing", StringComparison.Ordinal);
        Assert.Contains(history, m => m.Direction == MessageDirection.Bot && m.Content is TextContent { Text: var text } && text == told);
        Assert.Contains(history, m => m.Content is EventContent { Event: ConversationEventKind.NoteAdded, Detail: "Двойное списание" });
        Assert.Contains(history, m => m.Content is EventContent { Event: ConversationEventKind.LiveChatTransferred, Detail: "Olga \u2192 billing" });
        Assert.DoesNotContain(await Grains.GetGrain<IOperatorQueueGrain>(tenant).GetWaitingAsync(), e => e.ConversationId == passed.ConversationId);
    }

    [Fact]
    public async Task Only_the_operator_who_has_the_chat_may_transfer_it_to_a_group_and_the_group_must_be_a_name()
    {
        var tenant = await fixture.NewTenantAsync();
        var olga = await fixture.NewOperatorAsync(tenant, "Olga");
        var ivan = await fixture.NewOperatorAsync(tenant, "Ivan");
        var (conversation, _) = await CustomerWritesAsync(tenant, NewUser(), "hello");
        await conversation.TakeAsync(olga);

        var notYours = await Assert.ThrowsAsync<DomainException>(() => conversation.TransferToGroupAsync(ivan.OperatorId, "billing"));
        var badName = await Assert.ThrowsAsync<DomainException>(() => conversation.TransferToGroupAsync(olga.OperatorId, "bill/ing"));
        var tooMany = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Operator(tenant, ivan.OperatorId).UpdateAsync(null, null, null, [.. Enumerable.Range(0, 11).Select(i => $"g{i}")]));

        Assert.Equal(DomainErrorCode.Conflict, notYours.Code);
        Assert.Equal(DomainErrorCode.Invalid, badName.Code);
        Assert.StartsWith("group:", badName.Message, StringComparison.Ordinal);
        Assert.Equal(DomainErrorCode.Invalid, tooMany.Code);
        Assert.Equal(ConversationStatus.LiveChat, (await ViewAsync(conversation)).Status);
    }

    [Fact]
    public async Task Only_the_operator_in_live_chat_may_reply()
    {
        var tenant = await fixture.NewTenantAsync();
        var olga = await fixture.NewOperatorAsync(tenant, "Olga");
        var ivan = await fixture.NewOperatorAsync(tenant, "Ivan");
        var (conversation, _) = await CustomerWritesAsync(tenant, NewUser(), "hello");

        var notTaken = await Assert.ThrowsAsync<DomainException>(() => conversation.SendOperatorMessageAsync(olga.OperatorId, [new TextContent("hi")]));
        await conversation.TakeAsync(olga);
        var notYours = await Assert.ThrowsAsync<DomainException>(() => conversation.SendOperatorMessageAsync(ivan.OperatorId, [new TextContent("hi")]));
        var empty = await Assert.ThrowsAsync<DomainException>(() => conversation.SendOperatorMessageAsync(olga.OperatorId, [new TextContent("  ")]));

        Assert.Equal(DomainErrorCode.RuleViolation, notTaken.Code);
        Assert.Equal(DomainErrorCode.Conflict, notYours.Code);
        Assert.Contains("Olga", notYours.Message, StringComparison.Ordinal);
        Assert.Equal(DomainErrorCode.Invalid, empty.Code);
    }

    [Theory]
    [InlineData(ChannelKind.WhatsApp, 25, false)]
    [InlineData(ChannelKind.WhatsApp, 23, true)]
    [InlineData(ChannelKind.Messenger, 24 * 6, true)]
    [InlineData(ChannelKind.Messenger, 24 * 8, false)]
    [InlineData(ChannelKind.Telegram, 24 * 30, true)]
    public async Task An_operator_reply_outside_the_channels_messaging_window_is_refused_naming_the_rule(ChannelKind channel, int hoursLater, bool allowed)
    {
        var tenant = await fixture.NewTenantAsync();
        var olga = await fixture.NewOperatorAsync(tenant, "Olga");
        var (conversation, _) = await CustomerWritesAsync(tenant, NewUser(), "a question", channel);
        var window = (await ViewAsync(conversation)).Windows!.Single(w => w.Channel == channel);

        fixture.Advance(TimeSpan.FromHours(hoursLater));
        await conversation.TakeAsync(olga);
        var attempt = await Record.ExceptionAsync(() => conversation.SendOperatorMessageAsync(olga.OperatorId, [new TextContent("Here is the answer")]));

        if (allowed)
        {
            Assert.Null(attempt);
        }
        else
        {
            var refused = Assert.IsType<DomainException>(attempt);
            Assert.Equal(DomainErrorCode.RuleViolation, refused.Code);
            Assert.Contains(window.Rule, refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Live_chat_is_released_an_hour_after_the_operators_last_message_and_the_bot_answers_again()
    {
        var tenant = await fixture.NewTenantAsync();
        var olga = await fixture.NewOperatorAsync(tenant, "Olga");
        var user = NewUser();
        var (conversation, _) = await CustomerWritesAsync(tenant, user, "оператор");
        await WaitForStatusAsync(conversation, ConversationStatus.WaitingForOperator);
        await conversation.TakeAsync(olga);
        Assert.Equal(fixture.Clock.GetUtcNow().AddMinutes(60), (await ViewAsync(conversation)).AutoReleaseAt);

        fixture.Advance(TimeSpan.FromMinutes(50));
        await conversation.SendOperatorMessageAsync(olga.OperatorId, [new TextContent("Checking your order…")]);
        fixture.Advance(TimeSpan.FromMinutes(50)); // 100 minutes after taking, 50 after the last message
        Assert.Equal(ConversationStatus.LiveChat, (await ViewAsync(conversation)).Status);

        fixture.Advance(TimeSpan.FromMinutes(10)); // 60 after the last message

        await WaitForStatusAsync(conversation, ConversationStatus.Bot);
        var history = await conversation.GetHistoryAsync(new HistoryQuery(Limit: 500));
        Assert.Single(history, m => m.Content is EventContent { Event: ConversationEventKind.LiveChatReleased });
        Assert.Contains(await fixture.ToCustomerAsync(conversation), m => m.Content.ToPlainText().Contains("бот на связи", StringComparison.Ordinal));
        Assert.Empty((await fixture.Operator(tenant, olga.OperatorId).GetAsync())!.ActiveChats);

        var botRepliesBefore = history.Count(m => m.Direction == MessageDirection.Bot);
        await Grains.SendAsync(Inbound.Text(tenant, user, "/start"));
        await Eventually.HoldsAsync(async () => (await conversation.GetHistoryAsync(new HistoryQuery(Limit: 500))).Count(m => m.Direction == MessageDirection.Bot) > botRepliesBefore,
            "the bot answering again");
    }

    [Fact]
    public async Task A_silent_customer_is_reminded_and_the_chat_closes_after_the_idle_time()
    {
        var tenant = await fixture.NewTenantAsync(s => s with { IdleCloseMinutes = 30, AutoReleaseMinutes = 120 });
        var olga = await fixture.NewOperatorAsync(tenant, "Olga");
        var user = NewUser();
        var (conversation, first) = await CustomerWritesAsync(tenant, user, "hello");
        await conversation.TakeAsync(olga);

        fixture.Advance(TimeSpan.FromMinutes(20));
        await conversation.RemindCustomerAsync(olga.OperatorId);
        Assert.Contains(await fixture.ToCustomerAsync(conversation), m => m.Content.ToPlainText().Contains("ждём вашего ответа", StringComparison.Ordinal));

        fixture.Advance(TimeSpan.FromMinutes(11));

        await WaitForStatusAsync(conversation, ConversationStatus.Closed);
        Assert.Contains(await fixture.ToCustomerAsync(conversation), m => m.Content.ToPlainText().Contains("закрыли этот чат", StringComparison.Ordinal));
        var next = await Grains.SendAsync(Inbound.Text(tenant, user, "I am back"));
        Assert.NotEqual(first.ConversationId, next.ConversationId);
    }

    [Fact]
    public async Task A_transfer_moves_the_chat_and_the_operators_slots()
    {
        var tenant = await fixture.NewTenantAsync();
        var olga = await fixture.NewOperatorAsync(tenant, "Olga");
        var ivan = await fixture.NewOperatorAsync(tenant, "Ivan");
        var (conversation, _) = await CustomerWritesAsync(tenant, NewUser(), "hello");
        await conversation.TakeAsync(olga);

        var view = await conversation.TransferAsync(olga.OperatorId, ivan);

        Assert.Equal(ivan.OperatorId, view.AssignedOperatorId);
        await Eventually.HoldsAsync(async () => (await fixture.Operator(tenant, ivan.OperatorId).GetAsync())!.ActiveChats.Contains(view.ConversationId)
            && (await fixture.Operator(tenant, olga.OperatorId).GetAsync())!.ActiveChats.Count == 0, "slots moved");
        await conversation.SendOperatorMessageAsync(ivan.OperatorId, [new TextContent("Ivan here")]);
        await Assert.ThrowsAsync<DomainException>(() => conversation.SendOperatorMessageAsync(olga.OperatorId, [new TextContent("Olga")]));
    }

    [Fact]
    public async Task Concurrent_uses_of_a_canned_reply_are_all_counted()
    {
        var tenant = await fixture.NewTenantAsync();
        var library = Grains.GetGrain<ICannedReplyLibraryGrain>(tenant);
        var reply = await library.SaveAsync(new CannedReply(Guid.Empty, "delivery", "Delivery times",
            [new TextContent("We deliver in 2–3 days.", [new Button("Details", Url: "https://shop.example/delivery")])], 0));

        await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => library.UseAsync(reply.Id)));

        Assert.Equal(25, (await library.ListAsync()).Single().UsageCount);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_every_problem_named()
    {
        var tenant = await fixture.NewTenantAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<ITenantGrain>(tenant).UpdateSettingsAsync(TenantSettings.Default with
        {
            AutoReleaseMinutes = 0,
            NotificationEmails = ["not-an-email"],
            WorkingHours = new WorkingHours("Mars/Olympus", new Dictionary<DayOfWeek, IReadOnlyList<string>> { [DayOfWeek.Monday] = ["9-18"] }, []),
        }));

        Assert.Equal(DomainErrorCode.Invalid, error.Code);
        Assert.Contains("autoReleaseMinutes", error.Message, StringComparison.Ordinal);
        Assert.Contains("not-an-email", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", error.Message, StringComparison.Ordinal);
        Assert.Contains("'9-18'", error.Message, StringComparison.Ordinal);
    }
}
