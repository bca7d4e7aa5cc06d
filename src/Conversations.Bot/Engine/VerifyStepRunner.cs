using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Conversations.Abstractions.Customers;
using Conversations.Bot.Effects;
using Conversations.Bot.Scenarios;
using Conversations.Bot.Scenarios.Steps;

namespace Conversations.Bot.Engine;

/// <summary>
/// Runs a verify step: sends a 6-digit one-time code to an e-mail address or phone (as an effect the caller delivers),
/// keeps only a salted hash of it with its expiry in the session, and checks what the customer types: a limited
/// number of wrong codes, a limited number of new codes, an expired code asks for a new one.
/// </summary>
internal sealed class VerifyStepRunner(TimeProvider timeProvider)
{
    /// <summary>The payload of the "new code" button; explicit menu payloads cannot contain '#', so it clashes with none.</summary>
    public const string ResendPayload = "#verify-resend";

    private const string Salt = "verify.salt";
    private const string Hash = "verify.hash";
    private const string ExpiresAt = "verify.expiresAt";
    private const string Resends = "verify.resends";

    /// <summary>Enters the step: sends a code and waits, or goes to <c>onFail</c> when there is no valid address.</summary>
    public string? Enter(Turn turn, VerifyStep step)
    {
        var raw = turn.Render(step.To);
        var destination = step.Kind == ContactKind.Email ? EmailAddresses.Normalize(raw) : PhoneNumbers.ToE164(raw);
        if (destination is null)
        {
            turn.Effects.Add(new ScenarioErrorOccurred(ScenarioErrorKind.VerificationImpossible, step.Id,
                $"no valid {(step.Kind == ContactKind.Email ? "e-mail address" : "phone number")} to send a code to"));
            return step.OnFail;
        }

        turn.Variables[ValueRoots.VerifyDestination] = destination;
        turn.Variables[Resends] = "0";
        Issue(turn, step, destination);
        return StepPrompts.Wait(turn, step, null);
    }

    /// <summary>Checks a typed code, or sends a new one when asked.</summary>
    public StepAnswer Answer(Turn turn, VerifyStep step, BotInput input)
    {
        if (!turn.Variables.TryGetValue(ValueRoots.VerifyDestination, out var destination))
        {
            // A session from before the step was entered properly (a hot swap landed here): start the step over.
            return StepAnswer.MoveTo(step.Id);
        }

        if (IsResendRequest(turn, input))
        {
            return Resend(turn, step, destination);
        }

        if (input is not TextInput { Text: var text } || Code(text) is not { } code)
        {
            return StepAnswer.NotUnderstood; // a question, not a code: the step keeps waiting
        }

        var expiresAt = long.Parse(turn.Variables[ExpiresAt], CultureInfo.InvariantCulture);
        if (timeProvider.GetUtcNow().ToUnixTimeSeconds() >= expiresAt)
        {
            if (ResendsLeft(turn, step) == 0)
            {
                return Fail(turn, step);
            }

            turn.Send(WithResendButton(turn, step, turn.Render(turn.Scenario.Texts.VerifyExpired)));
            return StepAnswer.Stay;
        }

        if (HashOf(turn.Variables[Salt], code) is var hash
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(turn.Variables[Hash])))
        {
            Forget(turn);
            turn.Effects.Add(new ContactVerified(step.Kind, destination));
            turn.Effects.Add(new ContactCollected(step.Kind, destination));
            turn.Variables[step.Kind == ContactKind.Email ? ValueRoots.CustomerEmail : ValueRoots.CustomerPhone] = destination;
            return StepAnswer.MoveTo(step.Next);
        }

        turn.FailedAttempts++;
        if (turn.FailedAttempts >= step.MaxAttempts)
        {
            return Fail(turn, step);
        }

        turn.Send(WithResendButton(turn, step, turn.Render(step.RetryText ?? turn.Scenario.Texts.VerifyWrongCode)));
        return StepAnswer.Stay;
    }

    /// <summary>The prompt of a waiting verify step, with the "new code" button while new codes are left.</summary>
    public static Abstractions.Messages.TextContent Prompt(Turn turn, VerifyStep step) => WithResendButton(turn, step, turn.Render(step.Text));

    private StepAnswer Resend(Turn turn, VerifyStep step, string destination)
    {
        var left = ResendsLeft(turn, step);
        if (left == 0)
        {
            turn.Say(turn.Render(turn.Scenario.Texts.VerifyResendLimit));
            return StepAnswer.Stay;
        }

        turn.Variables[Resends] = (step.MaxResends - left + 1).ToString(CultureInfo.InvariantCulture);
        turn.FailedAttempts = 0;
        Issue(turn, step, destination);
        turn.Send(Prompt(turn, step));
        return StepAnswer.Stay;
    }

    private void Issue(Turn turn, VerifyStep step, string destination)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var salt = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        turn.Variables[Salt] = salt;
        turn.Variables[Hash] = HashOf(salt, code);
        turn.Variables[ExpiresAt] = (timeProvider.GetUtcNow() + step.Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var minutes = ((int)step.Lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        var message = turn.Scenario.Texts.VerifyCodeMessage.Render(path => path switch
        {
            "code" => code,
            "minutes" => minutes,
            _ => null,
        });
        turn.Effects.Add(new VerificationCodeIssued(step.Kind, destination, turn.Render(turn.Scenario.Texts.VerifyCodeSubject), message));
    }

    private static StepAnswer Fail(Turn turn, VerifyStep step)
    {
        Forget(turn);
        return StepAnswer.MoveTo(step.OnFail);
    }

    private static bool IsResendRequest(Turn turn, BotInput input) => input switch
    {
        ButtonPressInput { Payload: ResendPayload } => true,
        // Without buttons the label is shown as option "1"; a code has at least four digits, so "1" cannot be one.
        TextInput { Text: var text } => ChoiceMatcher.Normalize(text) == ChoiceMatcher.Normalize(turn.Render(turn.Scenario.Texts.VerifyResendLabel))
            || (text.Trim() == "1" && !ChoiceRenderer.FitsAsButtons(1, turn.Context.Channel)),
        _ => false,
    };

    private static int ResendsLeft(Turn turn, VerifyStep step) =>
        Math.Max(0, step.MaxResends - int.Parse(turn.Variables.GetValueOrDefault(Resends, "0"), CultureInfo.InvariantCulture));

    private static Abstractions.Messages.TextContent WithResendButton(Turn turn, VerifyStep step, string text) =>
        ResendsLeft(turn, step) > 0
            ? ChoiceRenderer.Render(text, [new Choice(turn.Render(turn.Scenario.Texts.VerifyResendLabel), ResendPayload)], turn.Context.Channel,
                turn.Render(turn.Scenario.Texts.NumberedHint))
            : new Abstractions.Messages.TextContent(text);

    /// <summary>The digits of a typed code ("123 456", "123-456"), or null when the text is not a code.</summary>
    private static string? Code(string text)
    {
        var digits = new StringBuilder();
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                return null;
            }
        }

        return digits.Length is >= 4 and <= 12 ? digits.ToString() : null;
    }

    private static string HashOf(string salt, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}:{code}")));

    /// <summary>Drops the code's working values; <c>verify.destination</c> stays readable by later steps.</summary>
    private static void Forget(Turn turn)
    {
        turn.Variables.Remove(Salt);
        turn.Variables.Remove(Hash);
        turn.Variables.Remove(ExpiresAt);
        turn.Variables.Remove(Resends);
    }
}
