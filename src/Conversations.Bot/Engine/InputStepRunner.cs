using System.Text.RegularExpressions;
using Conversations.Bot.Effects;
using Conversations.Bot.Scenarios;
using Conversations.Bot.Scenarios.Steps;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Engine;

/// <summary>Answers at an input step: a free answer, an e-mail or a phone.</summary>
internal static class InputStepRunner
{
    /// <summary>Checks the answer (text rules, e-mail, phone), retries or fails over, stores it; moves on when valid.</summary>
    public static StepAnswer Answer(Turn turn, InputStep step, BotInput input)
    {
        var raw = input switch
        {
            TextInput text => text.Text,
            ContactSharedInput contact when step.Kind == InputKind.Phone => contact.PhoneNumber,
            _ => null,
        };
        if (raw is null)
        {
            return StepAnswer.NotUnderstood;
        }

        var value = step.Kind switch
        {
            InputKind.Email => ContactValidator.Email(raw),
            InputKind.Phone => ContactValidator.Phone(raw),
            _ => ValidText(step, raw),
        };
        if (value is null)
        {
            turn.FailedAttempts++;
            if (turn.FailedAttempts > step.MaxRetries && step.OnFail is not null)
            {
                return StepAnswer.MoveTo(step.OnFail);
            }

            turn.Say(turn.Render(step.RetryText ?? DefaultRetryText(step.Kind, turn.Scenario.Texts)));
            return StepAnswer.Stay;
        }

        if (step.Kind != InputKind.Text)
        {
            var kind = step.Kind == InputKind.Email ? ContactKind.Email : ContactKind.Phone;
            turn.Effects.Add(new ContactCollected(kind, value));
            turn.Variables[kind == ContactKind.Email ? ValueRoots.CustomerEmail : ValueRoots.CustomerPhone] = value;
        }

        if (step.Variable is not null)
        {
            turn.Write(step.Variable, value);
        }

        return StepAnswer.MoveTo(step.Next);
    }

    private static string? ValidText(InputStep step, string raw)
    {
        var text = raw.Trim();
        if (text.Length < step.MinLength || text.Length > step.MaxLength)
        {
            return null;
        }

        try
        {
            return step.Pattern is null || step.Pattern.IsMatch(text) ? text : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null; // a pathological answer to a pathological pattern is not a valid answer
        }
    }

    private static Template DefaultRetryText(InputKind kind, ScenarioTexts texts) => kind switch
    {
        InputKind.Email => texts.InvalidEmail,
        InputKind.Phone => texts.InvalidPhone,
        _ => texts.InvalidInput,
    };
}
