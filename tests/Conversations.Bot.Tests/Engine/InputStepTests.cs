using Conversations.Abstractions.Bot;
using Conversations.Bot.Effects;
using Conversations.Bot.Engine;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

public sealed class InputStepTests
{
    private static readonly string Json = """
        { "start": "email", "steps": [
          { "id": "email", "kind": "input", "validate": "email", "text": "Ваш e-mail?", "variable": "contact.email",
            "retryText": "Это не e-mail, {customer.name}. Пример: name@example.com", "maxRetries": 2, "next": "phone", "onFail": "gave_up" },
          { "id": "phone", "kind": "input", "validate": "phone", "text": "Ваш телефон?", "next": "city", "onFail": "gave_up" },
          { "id": "city", "kind": "input", "text": "Ваш город?", "variable": "customer.city", "next": "code" },
          { "id": "code", "kind": "input", "text": "Код из SMS (4 цифры)?", "variable": "sms.code", "pattern": "^[0-9]{4}$", "maxRetries": 0, "next": "done", "onFail": "gave_up" },
          { "id": "done", "kind": "end", "text": "Спасибо! {contact.email}, {customer.phone}, {customer.city}, {sms.code}" },
          { "id": "gave_up", "kind": "handoff", "reason": "could not read the answer", "text": "Передаю оператору." } ] }
        """;

    [Fact]
    public async Task An_invalid_answer_gets_the_retry_prompt_until_the_limit_then_goes_to_on_fail()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();

        var first = await bot.TextAsync("не скажу");
        var second = await bot.TextAsync("anna@");
        var third = await bot.TextAsync("anna at example dot com");

        Assert.Equal(["Это не e-mail, Анна. Пример: name@example.com"], first.Texts());
        Assert.Equal(1, first.Session.FailedAttempts);
        Assert.Equal(["Это не e-mail, Анна. Пример: name@example.com"], second.Texts());
        Assert.Equal(["Передаю оператору."], third.Texts());
        Assert.Equal(new HandoffRequested("could not read the answer"), Assert.Single(third.Effects));
        Assert.Null(bot.Session!.CurrentStepId);
    }

    [Theory]
    [InlineData("\"language\": \"en\",", "That does not look like a phone number. Write one like +1 202 555 0143")]
    [InlineData("\"language\": \"ru\",", "Похоже, это не номер телефона. Напишите, например: +7 999 123-45-67")]
    [InlineData("", "Похоже, это не номер телефона. Напишите, например: +7 999 123-45-67 / That does not look like a phone number, e.g. +7 999 123-45-67")]
    public async Task Without_a_retry_text_an_invalid_answer_is_asked_again_in_the_documents_language(string language, string expected)
    {
        var bot = new BotHarness(TestScenarios.Parse($$"""
            { {{language}} "start": "phone", "steps": [
              { "id": "phone", "kind": "input", "validate": "phone", "text": "Phone?", "next": "done", "onFail": "done" },
              { "id": "done", "kind": "end", "text": "Thanks" } ] }
            """));
        await bot.StartAsync();

        var retry = await bot.TextAsync("not a phone");

        Assert.Equal([expected], retry.Texts());
    }

    [Fact]
    public void A_language_the_engine_does_not_speak_is_a_problem_naming_it()
    {
        var result = Conversations.Bot.Scenarios.ScenarioParser.Parse("""
            { "language": "de", "start": "done", "steps": [ { "id": "done", "kind": "end", "text": "Danke" } ] }
            """, "1");

        Assert.Contains(result.Problems, p => p.Path == "language");
    }

    [Fact]
    public async Task Valid_answers_are_stored_and_contacts_and_attributes_are_reported()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();

        var email = await bot.TextAsync("  anna@example.com ");
        var phone = await bot.TextAsync("8 (999) 123-45-67");
        var city = await bot.TextAsync("Казань");
        var done = await bot.TextAsync("0042");

        Assert.Equal(new ContactCollected(ContactKind.Email, "anna@example.com"), Assert.Single(email.Effects));
        Assert.Equal(["Ваш телефон?"], email.Texts());
        Assert.Equal(new ContactCollected(ContactKind.Phone, "+79991234567"), Assert.Single(phone.Effects));
        Assert.Equal(new CustomerAttributeSet("city", "Казань"), Assert.Single(city.Effects));
        Assert.Equal(["Спасибо! anna@example.com, +79991234567, Казань, 0042"], done.Texts());
        Assert.Equal("0042", bot.Session!.Variables["sms.code"]);
    }

    [Fact]
    public async Task A_phone_can_be_shared_as_a_contact_card()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        await bot.TextAsync("anna@example.com");

        var result = await bot.SendAsync(new ContactSharedInput("+44 20 7946 0958"));

        Assert.Equal(new ContactCollected(ContactKind.Phone, "+442079460958"), Assert.Single(result.Effects));
        Assert.Equal("city", bot.Session!.CurrentStepId);
    }

    [Fact]
    public async Task A_pattern_with_no_retries_left_goes_to_on_fail_at_the_first_mismatch()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        await bot.TextAsync("anna@example.com");
        await bot.TextAsync("+7 999 123 45 67");
        await bot.TextAsync("Казань");

        var result = await bot.TextAsync("12a4");

        Assert.Equal(["Передаю оператору."], result.Texts());
    }

    [Theory]
    [InlineData("+7 999 123-45-67", "+79991234567")]
    [InlineData("89991234567", "+79991234567")]
    [InlineData("(999) 123-45-67", "9991234567")]
    [InlineData("+1 (415) 555-2671", "+14155552671")]
    public async Task Phone_numbers_are_normalised(string typed, string expected)
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        await bot.TextAsync("anna@example.com");

        var result = await bot.TextAsync(typed);

        Assert.Equal(new ContactCollected(ContactKind.Phone, expected), Assert.Single(result.Effects));
    }

    [Theory]
    [InlineData("123-45")]
    [InlineData("+7 999 CALL ME")]
    [InlineData("7+9991234567")]
    [InlineData("1234567890123456")]
    public async Task Things_that_are_not_phone_numbers_get_the_default_retry_prompt(string typed)
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        await bot.TextAsync("anna@example.com");

        var result = await bot.TextAsync(typed);

        Assert.Empty(result.Effects);
        Assert.StartsWith("Похоже, это не номер телефона.", Assert.Single(result.Texts()), StringComparison.Ordinal);
        Assert.Equal("phone", bot.Session!.CurrentStepId);
    }

    [Theory]
    [InlineData("Anna <anna@example.com>")]
    [InlineData("anna@localhost")]
    [InlineData("anna@@example.com")]
    [InlineData("an na@example.com")]
    public async Task Things_that_are_not_plain_email_addresses_are_refused(string typed)
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();

        var result = await bot.TextAsync(typed);

        Assert.Empty(result.Effects);
        Assert.Equal("email", bot.Session!.CurrentStepId);
    }
}
