using Conversations.Abstractions.Messages;
using Conversations.Bot.Effects;
using Conversations.Bot.Scenarios.Steps;

namespace Conversations.Bot.Engine;

/// <summary>Waiting at a step and asking its question (again), for every kind of step that waits for the customer.</summary>
internal static class StepPrompts
{
    /// <summary>Makes <paramref name="step"/> the one the session waits at and asks its question; the turn stops here.</summary>
    public static string? Wait(Turn turn, ScenarioStep step, QuizProgress? quiz)
    {
        turn.CurrentStepId = step.Id;
        turn.Quiz = quiz;
        if (step is QuizStep { Intro: { } intro })
        {
            turn.Say(turn.Render(intro));
        }

        Prompt(turn, step);
        return null;
    }

    /// <summary>Shows the question of a waiting step (again).</summary>
    public static void Prompt(Turn turn, ScenarioStep step)
    {
        var channel = turn.Context.Channel;
        var hint = turn.Render(turn.Scenario.Texts.NumberedHint);
        switch (step)
        {
            case MenuStep menu:
                turn.Send(ChoiceRenderer.Render(turn.Render(menu.Text), MenuStepRunner.Choices(menu), channel, hint));
                break;
            case InputStep question:
                turn.Say(turn.Render(question.Text));
                break;
            case ConsentStep consent:
                turn.Send(ChoiceRenderer.Render(turn.Render(consent.Text), ConsentStepRunner.Choices(consent), channel, hint));
                break;
            case RatingStep rating:
                turn.Effects.Add(new SurveyOffered(rating.Id));
                var choices = RatingStepRunner.Choices(rating);
                turn.Send(ChoiceRenderer.FitsAsButtons(choices.Count, channel)
                    ? ChoiceRenderer.Render(turn.Render(rating.Text), choices, channel, hint)
                    : new TextContent($"{turn.Render(rating.Text)}\n\n{RatingStepRunner.Hint(turn, rating)}"));
                break;
            case VerifyStep verify:
                turn.Send(VerifyStepRunner.Prompt(turn, verify));
                break;
            case QuizStep quiz:
                var progress = turn.Quiz ?? new QuizProgress(0, 0);
                turn.Send(ChoiceRenderer.Render(turn.Render(quiz.Questions[progress.QuestionIndex].Text), QuizStepRunner.Choices(quiz, progress.QuestionIndex), channel, hint));
                break;
        }
    }
}
