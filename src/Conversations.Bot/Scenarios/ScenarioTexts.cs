using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios;

/// <summary>The scenario's own wording for the engine's generic replies (a document's <c>texts</c> section).</summary>
/// <param name="Unsupported">Reply to a sticker, voice note or other kind the bot cannot read.</param>
/// <param name="TechnicalError">Safe reply when the scenario misbehaves (a step loop).</param>
/// <param name="NumberedHint">Line under options rendered as numbered text on channels without buttons.</param>
/// <param name="RatingHint">Line under a rating question on channels without enough buttons; <c>{min}</c> and <c>{max}</c> are filled in.</param>
/// <param name="InvalidEmail">Asked again when an e-mail input step got something else (and the step names no retry text).</param>
/// <param name="InvalidPhone">Asked again when a phone input step got something else.</param>
/// <param name="InvalidInput">Asked again when any other input step got an answer it cannot take.</param>
/// <param name="VerifyCodeSubject">Subject of the e-mail with a verify step's code.</param>
/// <param name="VerifyCodeMessage">The e-mail or SMS with the code; <c>{code}</c> and <c>{minutes}</c> are filled in.</param>
/// <param name="VerifyWrongCode">Said after a wrong code (a step's <c>retryText</c> wins).</param>
/// <param name="VerifyExpired">Said when the code typed has expired.</param>
/// <param name="VerifyResendLabel">The button (or typed word) that asks for a new code.</param>
/// <param name="VerifyResendLimit">Said when the customer asks for more codes than the step allows.</param>
internal sealed record ScenarioTexts(
    Template Unsupported, Template TechnicalError, Template NumberedHint, Template RatingHint,
    Template InvalidEmail, Template InvalidPhone, Template InvalidInput,
    Template VerifyCodeSubject, Template VerifyCodeMessage, Template VerifyWrongCode, Template VerifyExpired,
    Template VerifyResendLabel, Template VerifyResendLimit)
{
    /// <summary>For a document that names no language: both languages in one line, as before languages existed.</summary>
    public static ScenarioTexts Default { get; } = new(
        Template.Parse("Извините, я понимаю только текст и кнопки. / Sorry, I can only read text and buttons."),
        Template.Parse("Извините, что-то пошло не так. Напишите «оператор», чтобы связаться с человеком. / Sorry, something went wrong. Write \"operator\" to reach a person."),
        Template.Parse("Ответьте номером варианта. / Reply with the option number."),
        Template.Parse("Напишите число от {min} до {max}. / Reply with a number from {min} to {max}."),
        Template.Parse("Похоже, это не адрес e-mail. Напишите, например: name@example.com / That does not look like an e-mail address, e.g. name@example.com"),
        Template.Parse("Похоже, это не номер телефона. Напишите, например: +7 999 123-45-67 / That does not look like a phone number, e.g. +7 999 123-45-67"),
        Template.Parse("Не получилось принять ответ, попробуйте ещё раз. / Please try again."),
        Template.Parse("Код подтверждения / Verification code"),
        Template.Parse("Ваш код подтверждения: {code}. Он действует {minutes} мин. / Your verification code: {code}. It is valid for {minutes} min."),
        Template.Parse("Код не подошёл, попробуйте ещё раз. / That code is not right, please try again."),
        Template.Parse("Срок действия кода истёк. Запросите новый код. / The code has expired. Ask for a new one."),
        Template.Parse("Новый код / New code"),
        Template.Parse("Больше кодов отправить нельзя. / No more codes can be sent."));

    /// <summary>For a document in Russian (<c>"language": "ru"</c>).</summary>
    public static ScenarioTexts Russian { get; } = new(
        Template.Parse("Извините, я понимаю только текст и кнопки."),
        Template.Parse("Извините, что-то пошло не так. Напишите «оператор», чтобы связаться с человеком."),
        Template.Parse("Ответьте номером варианта."),
        Template.Parse("Напишите число от {min} до {max}."),
        Template.Parse("Похоже, это не адрес e-mail. Напишите, например: name@example.com"),
        Template.Parse("Похоже, это не номер телефона. Напишите, например: +7 999 123-45-67"),
        Template.Parse("Не получилось принять ответ, попробуйте ещё раз."),
        Template.Parse("Код подтверждения"),
        Template.Parse("Ваш код подтверждения: {code}. Он действует {minutes} мин."),
        Template.Parse("Код не подошёл, попробуйте ещё раз."),
        Template.Parse("Срок действия кода истёк. Запросите новый код."),
        Template.Parse("Новый код"),
        Template.Parse("Больше кодов отправить нельзя."));

    /// <summary>For a document in English (<c>"language": "en"</c>).</summary>
    public static ScenarioTexts English { get; } = new(
        Template.Parse("Sorry, I can only read text and buttons."),
        Template.Parse("Sorry, something went wrong. Write \"operator\" to reach a person."),
        Template.Parse("Reply with the option number."),
        Template.Parse("Reply with a number from {min} to {max}."),
        Template.Parse("That does not look like an e-mail address. Write one like name@example.com"),
        Template.Parse("That does not look like a phone number. Write one like +1 202 555 0143"),
        Template.Parse("Sorry, I could not take that answer. Please try again."),
        Template.Parse("Verification code"),
        Template.Parse("Your verification code: {code}. It is valid for {minutes} min."),
        Template.Parse("That code is not right. Please try again."),
        Template.Parse("The code has expired. Ask for a new one."),
        Template.Parse("New code"),
        Template.Parse("No more codes can be sent."));

    /// <summary>The languages a document may name.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["ru", "en"];

    /// <summary>The defaults for a document in <paramref name="language"/> (null: both languages).</summary>
    public static ScenarioTexts For(string? language) => language switch
    {
        "ru" => Russian,
        "en" => English,
        _ => Default,
    };
}
