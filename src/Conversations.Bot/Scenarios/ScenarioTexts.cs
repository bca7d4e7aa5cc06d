using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios;

/// <summary>The scenario's own wording for the engine's generic replies (a document's <c>texts</c> section).</summary>
/// <param name="Unsupported">Reply to a sticker, voice note or other kind the bot cannot read.</param>
/// <param name="TechnicalError">Safe reply when the scenario misbehaves (a step loop).</param>
/// <param name="NumberedHint">Line under options rendered as numbered text on channels without buttons.</param>
/// <param name="RatingHint">Line under a rating question on channels without enough buttons; <c>{min}</c> and <c>{max}</c> are filled in.</param>
internal sealed record ScenarioTexts(Template Unsupported, Template TechnicalError, Template NumberedHint, Template RatingHint)
{
    public static ScenarioTexts Default { get; } = new(
        Template.Parse("Извините, я понимаю только текст и кнопки. / Sorry, I can only read text and buttons."),
        Template.Parse("Извините, что-то пошло не так. Напишите «оператор», чтобы связаться с человеком. / Sorry, something went wrong. Write \"operator\" to reach a person."),
        Template.Parse("Ответьте номером варианта. / Reply with the option number."),
        Template.Parse("Напишите число от {min} до {max}. / Reply with a number from {min} to {max}."));
}
