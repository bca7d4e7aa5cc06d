using System.Text.RegularExpressions;
using Conversations.Abstractions.Bot;
using Conversations.Bot.Effects;
using Conversations.Bot.Scenarios;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

public sealed partial class VerifyStepTests
{
    private static readonly string Json = """
        { "start": "email", "language": "en", "steps": [
          { "id": "email", "kind": "input", "validate": "email", "text": "Your e-mail?", "next": "verify", "onFail": "failed" },
          { "id": "verify", "kind": "verify", "channel": "email", "text": "We sent a code to {verify.destination}. Type it here.",
            "maxAttempts": 3, "maxResends": 1, "expiresMinutes": 10, "next": "done", "onFail": "failed" },
          { "id": "done", "kind": "end", "text": "Confirmed: {customer.email}" },
          { "id": "failed", "kind": "handoff", "reason": "could not verify", "text": "An operator will help." } ] }
        """;

    [Fact]
    public async Task Entering_the_step_sends_a_six_digit_code_and_keeps_only_its_salted_hash()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();

        var result = await bot.TextAsync("anna@Example.COM");

        var issued = Assert.Single(result.Effects.OfType<VerificationCodeIssued>());
        Assert.Equal(ContactKind.Email, issued.Kind);
        Assert.Equal("anna@example.com", issued.Destination);
        Assert.Equal("Verification code", issued.Subject);
        var code = CodeIn(issued);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Contains("valid for 10 min", issued.Text, StringComparison.Ordinal);
        Assert.Equal(["We sent a code to anna@example.com. Type it here."], result.Texts());
        Assert.Equal("New code", Assert.Single(result.Buttons()).Label);
        Assert.DoesNotContain(bot.Session!.ToJson(), code, StringComparison.Ordinal);
        Assert.DoesNotContain(code, issued.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_code_confirms_the_contact_and_moves_on()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        var code = CodeIn(Assert.Single((await bot.TextAsync("anna@example.com")).Effects.OfType<VerificationCodeIssued>()));

        var result = await bot.TextAsync($"{code[..3]} {code[3..]}");

        Assert.Contains(new ContactVerified(ContactKind.Email, "anna@example.com"), result.Effects);
        Assert.Equal(["Confirmed: anna@example.com"], result.Texts());
        Assert.DoesNotContain(bot.Session!.Variables.Keys, k => k is "verify.hash" or "verify.salt");
    }

    [Fact]
    public async Task A_wrong_code_is_retried_with_the_scenario_text_and_too_many_go_to_onFail()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        var code = CodeIn(Assert.Single((await bot.TextAsync("anna@example.com")).Effects.OfType<VerificationCodeIssued>()));
        var wrong = code == "000000" ? "111111" : "000000";

        var first = await bot.TextAsync(wrong);
        await bot.TextAsync(wrong);
        var third = await bot.TextAsync(wrong);

        Assert.Equal(["That code is not right. Please try again."], first.Texts());
        Assert.DoesNotContain(first.Effects, e => e is ContactVerified);
        Assert.Equal(["An operator will help."], third.Texts());
        Assert.Contains(third.Effects, e => e is HandoffRequested);
        Assert.DoesNotContain(third.Effects, e => e is ContactVerified);
    }

    [Fact]
    public async Task An_expired_code_is_refused_and_a_new_code_works_while_the_old_one_does_not()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        var old = CodeIn(Assert.Single((await bot.TextAsync("anna@example.com")).Effects.OfType<VerificationCodeIssued>()));
        bot.Time.Advance(TimeSpan.FromMinutes(10));

        var expired = await bot.TextAsync(old);
        var resent = await bot.PressAsync("#verify-resend");
        var fresh = CodeIn(Assert.Single(resent.Effects.OfType<VerificationCodeIssued>()));
        var withOld = old == fresh ? null : await bot.TextAsync(old);
        var confirmed = await bot.TextAsync(fresh);

        Assert.Equal(["The code has expired. Ask for a new one."], expired.Texts());
        Assert.DoesNotContain(expired.Effects, e => e is ContactVerified);
        Assert.Empty(resent.Buttons()); // the only resend is used up
        Assert.DoesNotContain(withOld?.Effects ?? [], e => e is ContactVerified);
        Assert.Contains(new ContactVerified(ContactKind.Email, "anna@example.com"), confirmed.Effects);
    }

    [Fact]
    public async Task Resends_are_limited()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        await bot.TextAsync("anna@example.com");

        var first = await bot.TextAsync("new code");
        var second = await bot.PressAsync("#verify-resend");

        Assert.Single(first.Effects.OfType<VerificationCodeIssued>());
        Assert.Empty(second.Effects.OfType<VerificationCodeIssued>());
        Assert.Equal(["No more codes can be sent."], second.Texts());
    }

    [Fact]
    public async Task A_phone_step_sends_the_code_to_the_E164_number_and_without_an_address_goes_to_onFail()
    {
        var scenario = TestScenarios.Parse("""
            { "start": "verify", "language": "ru", "steps": [
              { "id": "verify", "kind": "verify", "channel": "phone", "text": "Код отправлен на {verify.destination}", "next": "done", "onFail": "failed" },
              { "id": "done", "kind": "end", "text": "Готово" },
              { "id": "failed", "kind": "end", "text": "Не получилось" } ] }
            """);
        var withPhone = new BotHarness(scenario, context: Contexts.Customer(TestChannels.Telegram, phones: ["8 (900) 123-45-67"]));
        var without = new BotHarness(scenario);

        var sent = await withPhone.StartAsync();
        var none = await without.StartAsync();

        var issued = Assert.Single(sent.Effects.OfType<VerificationCodeIssued>());
        Assert.Equal((ContactKind.Phone, "+79001234567"), (issued.Kind, issued.Destination));
        Assert.StartsWith("Ваш код подтверждения: ", issued.Text, StringComparison.Ordinal);
        Assert.Equal(["Код отправлен на +79001234567"], sent.Texts().Take(1));
        Assert.Equal(["Не получилось"], none.Texts());
        Assert.Equal(ScenarioErrorKind.VerificationImpossible, Assert.Single(none.Effects.OfType<ScenarioErrorOccurred>()).Kind);
    }

    [Fact]
    public async Task A_question_while_waiting_for_the_code_goes_to_the_FAQ_and_the_step_keeps_waiting()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        var code = CodeIn(Assert.Single((await bot.TextAsync("anna@example.com")).Effects.OfType<VerificationCodeIssued>()));

        var question = await bot.TextAsync("where is my code?");
        var confirmed = await bot.TextAsync(code);

        Assert.Equal(new UnhandledFreeText("where is my code?"), Assert.Single(question.Effects));
        Assert.Contains(confirmed.Effects, e => e is ContactVerified);
    }

    [Fact]
    public void The_validator_names_the_fields_of_a_bad_verify_step()
    {
        var result = ScenarioParser.Parse("""
            { "start": "v", "texts": { "verifyCodeMessage": "no code here" }, "steps": [
              { "id": "v", "kind": "verify", "channel": "fax", "maxAttempts": 50, "expiresMinutes": 0, "next": "e" },
              { "id": "e", "kind": "end" } ] }
            """, "1");

        var problems = result.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("steps[0].channel: unknown channel 'fax' (expected email or phone)", problems);
        Assert.Contains("steps[0].text: is required", problems);
        Assert.Contains("steps[0].onFail: is required", problems);
        Assert.Contains(problems, p => p.StartsWith("steps[0].maxAttempts: 50 is out of range 1..10", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("steps[0].expiresMinutes: 0 is out of range 1..60", StringComparison.Ordinal));
        Assert.Contains("texts.verifyCodeMessage: must contain {code}", problems);
    }

    [Fact]
    public void The_verify_root_is_reserved()
    {
        var result = ScenarioParser.Parse("""
            { "start": "q", "steps": [
              { "id": "q", "kind": "input", "text": "?", "variable": "verify.destination", "next": "e" },
              { "id": "e", "kind": "end" } ] }
            """, "1");

        Assert.Contains(result.Problems, p => p.ToString() == "steps[0].variable: 'verify.destination' cannot be written: 'verify' is reserved");
    }

    private static string CodeIn(VerificationCodeIssued issued) => CodePattern().Match(issued.Text).Value;

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex CodePattern();
}
