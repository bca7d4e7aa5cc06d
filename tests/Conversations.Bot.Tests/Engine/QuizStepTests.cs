using Conversations.Abstractions.Bot;
using Conversations.Bot.Effects;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

public sealed class QuizStepTests
{
    private static readonly string Json = """
        { "start": "quiz", "steps": [
          { "id": "quiz", "kind": "quiz", "text": "Викторина!", "correctText": "Верно!", "wrongText": "Нет, правильно:",
            "questions": [
              { "text": "2 + 2?", "options": [ "3", "4", "5" ], "answer": 2 },
              { "text": "Столица России?", "options": [ "Москва", "Казань" ], "answer": 1 },
              { "text": "Сколько дней на возврат?", "options": [ "7", "14" ], "answer": 2 } ],
            "results": [
              { "min": 0, "max": 1, "text": "{quiz.score} из {quiz.total}: попробуйте ещё" },
              { "min": 2, "max": 3, "text": "{quiz.score} из {quiz.total}: отлично!" } ],
            "next": "after" },
          { "id": "after", "kind": "end", "text": "Что дальше?" } ] }
        """;

    [Fact]
    public async Task The_quiz_introduces_itself_and_asks_the_first_question_with_its_options()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));

        var result = await bot.StartAsync();

        Assert.Equal(["Викторина!", "2 + 2?"], result.Texts());
        Assert.Equal(["quiz#q1.1", "quiz#q1.2", "quiz#q1.3"], result.Buttons().Select(b => b.Payload));
    }

    [Fact]
    public async Task Answers_are_scored_with_feedback_and_the_result_is_chosen_by_score()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();

        var first = await bot.PressAsync("quiz#q1.2");
        var second = await bot.TextAsync("казань");
        var third = await bot.TextAsync("2");

        Assert.Equal(["Верно!", "Столица России?"], first.Texts());
        Assert.Equal(["Нет, правильно: Москва", "Сколько дней на возврат?"], second.Texts());
        Assert.Equal(["Верно!", "2 из 3: отлично!", "Что дальше?"], third.Texts());
        Assert.Equal(new QuizCompleted("quiz", 2, 3), Assert.Single(third.Effects));
        Assert.Equal("2", bot.Session!.Variables["quiz.score"]);
        Assert.Null(bot.Session.Quiz);
    }

    [Fact]
    public async Task A_button_of_an_earlier_question_does_not_answer_the_current_one()
    {
        var bot = new BotHarness(TestScenarios.Parse(Json));
        await bot.StartAsync();
        await bot.PressAsync("quiz#q1.2");

        var stale = await bot.PressAsync("quiz#q1.1");

        Assert.Equal(["Столица России?"], stale.Texts());
        Assert.Equal(1, bot.Session!.Quiz!.QuestionIndex);
        Assert.Equal(1, bot.Session.Quiz.Score);
    }
}
