using System.Globalization;
using Conversations.Bot.Effects;
using Conversations.Bot.Scenarios;
using Conversations.Bot.Scenarios.Steps;

namespace Conversations.Bot.Engine;

/// <summary>Answers at a quiz step, one question at a time.</summary>
internal static class QuizStepRunner
{
    /// <summary>Marks the answer right or wrong, asks the next question, or gives the result and moves on.</summary>
    public static StepAnswer Answer(Turn turn, QuizStep step, BotInput input)
    {
        var progress = turn.Quiz;
        if (progress is null || progress.QuestionIndex >= step.Questions.Length)
        {
            // The quiz changed under the session (hot swap): start it again.
            StepPrompts.Wait(turn, step, new QuizProgress(0, 0));
            return StepAnswer.Stay;
        }

        var question = step.Questions[progress.QuestionIndex];
        if (ChoiceMatcher.Match(input, Choices(step, progress.QuestionIndex)) is not { } chosen)
        {
            return StepAnswer.NotUnderstood;
        }

        var right = chosen == question.Answer;
        turn.Say(right ? turn.Render(step.CorrectText) : $"{turn.Render(step.WrongText)} {question.Options[question.Answer]}");
        var score = progress.Score + (right ? 1 : 0);
        if (progress.QuestionIndex + 1 < step.Questions.Length)
        {
            turn.Quiz = new QuizProgress(progress.QuestionIndex + 1, score);
            StepPrompts.Prompt(turn, step);
            return StepAnswer.Stay;
        }

        var total = step.Questions.Length;
        turn.Variables[ValueRoots.QuizScore] = score.ToString(CultureInfo.InvariantCulture);
        turn.Variables[ValueRoots.QuizTotal] = total.ToString(CultureInfo.InvariantCulture);
        turn.Say(turn.Render(step.Results.First(r => r.Min <= score && score <= r.Max).Text));
        turn.Effects.Add(new QuizCompleted(step.Id, score, total));
        return StepAnswer.MoveTo(step.Next);
    }

    /// <summary>The options of question <paramref name="question"/>.</summary>
    public static List<Choice> Choices(QuizStep step, int question) =>
        [.. step.Questions[question].Options.Select((o, i) => new Choice(o, $"{step.Id}#q{question + 1}.{i + 1}"))];
}
