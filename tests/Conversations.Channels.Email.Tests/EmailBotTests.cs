using System.Net.Http.Json;
using System.Text;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;

namespace Conversations.Channels.Email.Tests;

/// <summary>
/// The bot on e-mail answers a mail once (an acknowledgement, and the FAQ's answer when it is confident) and hands it
/// over, without the scenario's menu; a tenant that chose numbered choices gets its scenario by mail, menus as numbered
/// lines. Through the signed inbound hook, with a scenario (a greeting and a menu) and an FAQ on the shop's tenant.
/// </summary>
[Collection(EmailCollection.Name)]
public sealed class EmailBotTests(EmailGatewayFixture email)
{
    private const string Scenario = """
        { "start": "hello", "language": "ru", "steps": [
          { "id": "hello", "kind": "message", "text": "Здравствуйте! Это бот магазина.", "next": "main" },
          { "id": "main", "kind": "menu", "text": "Чем помочь?", "options": [
              { "label": "Доставка", "next": "delivery" }, { "label": "Оператор", "next": "operator" } ] },
          { "id": "delivery", "kind": "end", "text": "Доставка занимает 3 дня." },
          { "id": "operator", "kind": "handoff", "reason": "asked", "text": "Зову оператора." } ] }
        """;

    private const string ReturnsAnswer = "Вернуть товар можно в течение 30 дней в любом пункте выдачи.";

    [Fact]
    public async Task A_mail_gets_one_answer_the_acknowledgement_with_the_confident_faq_answer_and_is_handed_over_without_the_menu()
    {
        using var admin = await SetUpBotAsync();
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var first = EmailGatewayFixture.MailFrom(customer, "Как вернуть товар?", "Как вернуть товар?");
        await email.PushSignedAsync(first);
        var answer = EmailGatewayFixture.MailFrom(customer, "Re: Как вернуть товар?", "И ещё: можно ли без чека?");
        answer.InReplyTo = first.MessageId;
        await email.PushSignedAsync(answer);

        var conversation = (await email.CustomerAsync(customer))!.CurrentConversationId!.Value;
        var bot = Assert.Single(await email.HistoryOfAsync(conversation), m => m.Direction == MessageDirection.Bot);
        var text = Assert.IsType<TextContent>(bot.Content);
        Assert.Equal($"{TenantTexts.Defaults[TenantTexts.EmailAcknowledgement]}\n\n{TenantTexts.Defaults[TenantTexts.EmailFaqLeadIn]}\n\n{ReturnsAnswer}", text.Text);
        Assert.Empty(text.Buttons ?? []);
        Assert.Equal(ConversationStatus.WaitingForOperator, (await email.Conversation(conversation).GetViewAsync())!.Status);
    }

    [Fact]
    public async Task A_mail_the_faq_is_not_sure_of_gets_the_acknowledgement_alone_and_is_handed_over()
    {
        using var admin = await SetUpBotAsync();
        var customer = EmailGatewayFixture.NewCustomerAddress();
        await email.PushSignedAsync(EmailGatewayFixture.MailFrom(customer, "Счёт для бухгалтерии", "Пришлите, пожалуйста, закрывающие документы за ноябрь."));

        var conversation = (await email.CustomerAsync(customer))!.CurrentConversationId!.Value;
        var bot = Assert.Single(await email.HistoryOfAsync(conversation), m => m.Direction == MessageDirection.Bot);
        Assert.Equal(TenantTexts.Defaults[TenantTexts.EmailAcknowledgement], Assert.IsType<TextContent>(bot.Content).Text);
        Assert.Equal(ConversationStatus.WaitingForOperator, (await email.Conversation(conversation).GetViewAsync())!.Status);
    }

    [Fact]
    public async Task A_tenant_that_chose_numbered_choices_gets_its_scenario_by_mail_and_a_number_answers_the_menu()
    {
        using var admin = await SetUpBotAsync();
        (await PatchSettingsAsync(admin, """{ "emailNumberedChoices": true }""")).EnsureSuccessStatusCode();
        try
        {
            var customer = EmailGatewayFixture.NewCustomerAddress();
            var first = EmailGatewayFixture.MailFrom(customer, "Вопрос", "Добрый день");
            await email.PushSignedAsync(first);
            var conversation = (await email.CustomerAsync(customer))!.CurrentConversationId!.Value;
            var menu = (await BotTextsAsync(conversation)).Single(t => t.Contains("Чем помочь?", StringComparison.Ordinal));
            Assert.Contains("1. Доставка", menu, StringComparison.Ordinal);
            Assert.Contains("2. Оператор", menu, StringComparison.Ordinal);

            var choice = EmailGatewayFixture.MailFrom(customer, "Re: Вопрос", "1");
            choice.InReplyTo = first.MessageId;
            await email.PushSignedAsync(choice);

            Assert.Contains("Доставка занимает 3 дня.", await BotTextsAsync(conversation));
            Assert.DoesNotContain(await BotTextsAsync(conversation), t => t.StartsWith(TenantTexts.Defaults[TenantTexts.EmailAcknowledgement], StringComparison.Ordinal));
        }
        finally
        {
            (await PatchSettingsAsync(admin, """{ "emailNumberedChoices": null }""")).EnsureSuccessStatusCode();
        }
    }

    /// <summary>The shop's scenario (a greeting and a menu) and its FAQ (returns), as its admin publishes them.</summary>
    private async Task<ApiSession> SetUpBotAsync()
    {
        var admin = await ApiSession.SignInAsync(email.App.CreateClient(), "shop", "admin", "admin-password");
        (await admin.Http.PutAsync("/api/v1/admin/bot/scenario", new StringContent(Scenario, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await admin.Http.PutAsJsonAsync("/api/v1/admin/bot/faq", new
        {
            entries = new[] { new { id = "returns", questions = new[] { "Как вернуть товар?", "Можно ли сдать покупку обратно?" }, answer = ReturnsAnswer } },
        })).EnsureSuccessStatusCode();
        return admin;
    }

    private static Task<HttpResponseMessage> PatchSettingsAsync(ApiSession admin, string body) =>
        admin.Http.PatchAsync("/api/v1/admin/settings", new StringContent(body, Encoding.UTF8, "application/merge-patch+json"));

    private async Task<List<string>> BotTextsAsync(Guid conversation) =>
        [.. (await email.HistoryOfAsync(conversation)).Where(m => m.Direction == MessageDirection.Bot).Select(m => m.Content).OfType<TextContent>().Select(t => t.Text)];
}
