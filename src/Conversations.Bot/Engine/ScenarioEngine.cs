using System.Globalization;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Effects;
using Conversations.Bot.Http;
using Conversations.Bot.Scenarios;
using Conversations.Bot.Scenarios.Steps;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Engine;

/// <summary>
/// Runs one turn of a scenario: takes the customer's input, moves the session through the scenario and returns the
/// messages to send, the new session and the effects for the caller. Stateless (all state is in the session), so one
/// engine serves every conversation.
/// </summary>
/// <remarks>
/// <para>A turn answers the step the session waits at, then runs on through steps that do not wait (message, http,
/// condition, goto) until one that waits for the customer (menu, input, consent, rating, quiz) or the end. More than
/// the scenario's <see cref="Scenario.MaxStepsPerTurn"/> steps in one turn is a loop: the customer gets the safe
/// <c>technicalError</c> text and the caller a <see cref="ScenarioErrorOccurred"/>.</para>
/// <para>Input the waiting step does not expect is looked at more widely: a button of an earlier menu, or a typed
/// label that leads to one step ("Доставка"), still works; other free text is returned as
/// <see cref="UnhandledFreeText"/> with no reply, for the caller to ask the FAQ. Detecting a request for a human is the
/// caller's (the conversation grain's, by the tenant's keywords), before the engine is called.</para>
/// <para>Hot swap: a session whose step still exists in a new scenario continues there; otherwise it restarts from
/// the start step with a <see cref="ScenarioRestarted"/> effect.</para>
/// </remarks>
/// <param name="httpClient">Makes the calls of http steps.</param>
/// <param name="timeProvider">The clock for consent times and http timeouts.</param>
public sealed partial class ScenarioEngine(IScenarioHttpClient httpClient, TimeProvider timeProvider)
{
    /// <summary>Longest caption sent under an image; longer texts follow the image as their own message.</summary>
    private const int MaxCaptionLength = 1024;

    private static readonly HashSet<string> YesWords = new(StringComparer.Ordinal) { "да", "yes", "y", "согласен", "согласна", "ок", "ok", "хорошо", "конечно" };
    private static readonly HashSet<string> NoWords = new(StringComparer.Ordinal) { "нет", "no", "n", "не согласен", "не согласна", "не надо" };

    private readonly HttpStepRunner _http = new(httpClient, timeProvider);

    /// <summary>Runs one turn.</summary>
    /// <param name="scenario">The tenant's current scenario (possibly newer than the session's).</param>
    /// <param name="session">The conversation's session; null for a new conversation.</param>
    /// <param name="input">What the customer did.</param>
    /// <param name="context">The customer and the channel.</param>
    /// <param name="cancellationToken">Cancels an http step in flight.</param>
    public async Task<BotTurnResult> RunTurnAsync(
        Scenario scenario, BotSession? session, BotInput input, BotContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var turn = new Turn(scenario, session, context);
        if (input is StartInput start)
        {
            turn.Write(ValueRoots.StartPayload, start.Payload);
            await RunFromAsync(turn, scenario.StartStepId, cancellationToken);
        }
        else if (session is null)
        {
            await BeginAsync(turn, input, cancellationToken);
        }
        else if (session.CurrentStepId is { } current && !scenario.ContainsStep(current))
        {
            turn.Effects.Add(new ScenarioRestarted(session.ScenarioVersion, current, scenario.Version));
            await RunFromAsync(turn, scenario.StartStepId, cancellationToken);
        }
        else if (session.CurrentStepId is { } waiting)
        {
            var step = scenario.Steps[waiting];
            if (step.WaitsForCustomer)
            {
                await AnswerAsync(turn, step, input, cancellationToken);
            }
            else
            {
                // A hot swap turned the waiting step into one that does not wait: run it.
                await RunFromAsync(turn, waiting, cancellationToken);
            }
        }
        else
        {
            await OutsideStepAsync(turn, input, cancellationToken);
        }

        return turn.Result();
    }

    /// <summary>
    /// The messages step <paramref name="stepId"/> sends, run from a fresh session (an operator sends "a part of the
    /// bot" as a reply). Throws <see cref="ArgumentException"/> for an unknown step.
    /// </summary>
    public async Task<IReadOnlyList<MessageContent>> RenderStepAsync(Scenario scenario, string stepId, BotContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (!scenario.ContainsStep(stepId))
        {
            throw new ArgumentException($"The scenario has no step '{stepId}'.", nameof(stepId));
        }

        var turn = new Turn(scenario, null, context);
        await RunFromAsync(turn, stepId, cancellationToken);
        return turn.Result().Messages;
    }

    /// <summary>
    /// A conversation that begins with something other than <c>/start</c> (a widget visitor's question, a button of
    /// an old chat) greets from the start step; a first question is also handed to the caller for the FAQ.
    /// </summary>
    private async Task BeginAsync(Turn turn, BotInput input, CancellationToken cancellationToken)
    {
        if (input is ButtonPressInput press && turn.Scenario.ChoicePayloads.TryGetValue(press.Payload, out var target))
        {
            await RunFromAsync(turn, target, cancellationToken);
            return;
        }

        await RunFromAsync(turn, turn.Scenario.StartStepId, cancellationToken);
        if (input is TextInput text && !string.IsNullOrWhiteSpace(text.Text))
        {
            turn.Effects.Add(new UnhandledFreeText(text.Text));
        }
    }

    private async Task AnswerAsync(Turn turn, ScenarioStep step, BotInput input, CancellationToken cancellationToken)
    {
        var answer = step switch
        {
            MenuStep menu => ChoiceMatcher.Match(input, MenuChoices(menu)) is { } index ? StepAnswer.MoveTo(menu.Options[index].Next) : StepAnswer.NotUnderstood,
            InputStep question => AnswerInput(turn, question, input),
            ConsentStep consent => AnswerConsent(turn, consent, input),
            RatingStep rating => AnswerRating(turn, rating, input),
            QuizStep quiz => AnswerQuiz(turn, quiz, input),
            _ => StepAnswer.NotUnderstood,
        };
        switch (answer.Kind)
        {
            case StepAnswerKind.Moved:
                turn.LeaveStep();
                await RunFromAsync(turn, answer.Next, cancellationToken);
                break;
            case StepAnswerKind.NotUnderstood:
                await OutsideStepAsync(turn, input, cancellationToken);
                break;
        }
    }

    /// <summary>Input that no waiting step expects.</summary>
    private async Task OutsideStepAsync(Turn turn, BotInput input, CancellationToken cancellationToken)
    {
        switch (input)
        {
            case ButtonPressInput press when turn.Scenario.ChoicePayloads.TryGetValue(press.Payload, out var target):
                await RunFromAsync(turn, target, cancellationToken);
                break;
            case ButtonPressInput:
                // A button of a message the scenario no longer has: show where the customer is (or start over).
                if (turn.CurrentStepId is { } current)
                {
                    Prompt(turn, turn.Scenario.Steps[current]);
                }
                else
                {
                    await RunFromAsync(turn, turn.Scenario.StartStepId, cancellationToken);
                }

                break;
            case TextInput text when turn.Scenario.ChoiceLabels.TryGetValue(ChoiceMatcher.Normalize(text.Text), out var target):
                turn.LeaveStep();
                await RunFromAsync(turn, target, cancellationToken);
                break;
            case TextInput text:
                turn.Effects.Add(new UnhandledFreeText(text.Text));
                break;
            default:
                turn.Say(turn.Render(turn.Scenario.Texts.Unsupported));
                break;
        }
    }

    /// <summary>Runs from <paramref name="stepId"/> until a step waits for the customer, the scenario ends, or the loop guard trips.</summary>
    private async Task RunFromAsync(Turn turn, string? stepId, CancellationToken cancellationToken)
    {
        var id = stepId;
        while (id is not null)
        {
            if (++turn.StepsRun > turn.Scenario.MaxStepsPerTurn)
            {
                turn.Messages.Clear();
                turn.Say(turn.Render(turn.Scenario.Texts.TechnicalError));
                turn.Effects.Add(new ScenarioErrorOccurred(ScenarioErrorKind.StepLimitExceeded, id,
                    $"more than {turn.Scenario.MaxStepsPerTurn} steps ran in one turn without waiting for the customer"));
                turn.LeaveStep();
                return;
            }

            var step = turn.Scenario.Steps[id];
            turn.LeaveStep();
            id = step switch
            {
                MessageStep message => ShowMessage(turn, message),
                HttpStep http => await _http.RunAsync(http, turn, cancellationToken),
                ConditionStep condition => ConditionEvaluator.Next(condition, turn),
                GotoStep jump => jump.Target,
                HandoffStep handoff => HandOver(turn, handoff),
                EndStep end => Finish(turn, end.Text),
                ConsentStep consent when !consent.AskAgain && IsGranted(turn, consent) => consent.OnYes,
                QuizStep quiz => Wait(turn, quiz, new QuizProgress(0, 0)),
                _ => Wait(turn, step, null),
            };
        }
    }

    private static string? Wait(Turn turn, ScenarioStep step, QuizProgress? quiz)
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
    private static void Prompt(Turn turn, ScenarioStep step)
    {
        var channel = turn.Context.Channel;
        var hint = turn.Render(turn.Scenario.Texts.NumberedHint);
        switch (step)
        {
            case MenuStep menu:
                turn.Send(ChoiceRenderer.Render(turn.Render(menu.Text), MenuChoices(menu), channel, hint));
                break;
            case InputStep question:
                turn.Say(turn.Render(question.Text));
                break;
            case ConsentStep consent:
                turn.Send(ChoiceRenderer.Render(turn.Render(consent.Text), ConsentChoices(consent), channel, hint));
                break;
            case RatingStep rating:
                var choices = RatingChoices(rating);
                turn.Send(ChoiceRenderer.FitsAsButtons(choices.Count, channel)
                    ? ChoiceRenderer.Render(turn.Render(rating.Text), choices, channel, hint)
                    : new TextContent($"{turn.Render(rating.Text)}\n\n{RatingHint(turn, rating)}"));
                break;
            case QuizStep quiz:
                var progress = turn.Quiz ?? new QuizProgress(0, 0);
                turn.Send(ChoiceRenderer.Render(turn.Render(quiz.Questions[progress.QuestionIndex].Text), QuizChoices(quiz, progress.QuestionIndex), channel, hint));
                break;
        }
    }

    private static string? ShowMessage(Turn turn, MessageStep message)
    {
        var channel = turn.Context.Channel;
        var text = message.Text is null ? null : turn.Render(message.Text);
        var links = new List<LinkContent>();
        List<Button>? buttons = null;
        var hasLinks = message.Buttons.Any(b => b.Url is not null);
        if (message.Buttons.Length > 0 && (channel.SupportsLinkButtons || !hasLinks) && ChoiceRenderer.FitsAsButtons(message.Buttons.Length, channel))
        {
            buttons = [];
            foreach (var button in message.Buttons)
            {
                var label = ChoiceRenderer.Label(button.Label, channel);
                if (button.Url is null)
                {
                    buttons.Add(new Button(label, button.Payload));
                }
                else if (RenderUrl(turn, button.Url) is { } url)
                {
                    buttons.Add(new Button(label, Url: url));
                }
            }
        }
        else if (message.Buttons.Length > 0)
        {
            // Without room for buttons: choices become lines the customer can type, links become link messages.
            var lines = message.Buttons.Where(b => b.Next is not null).Select(b => $"• {b.Label}").ToList();
            if (lines.Count > 0)
            {
                text = $"{text}\n\n{string.Join('\n', lines)}".TrimStart();
            }

            links.AddRange(message.Buttons.Where(b => b.Url is not null)
                .Select(b => RenderUrl(turn, b.Url!) is { } url ? new LinkContent(url, b.Label) : null)
                .OfType<LinkContent>());
        }

        var image = message.ImageUrl is null ? null : RenderUrl(turn, message.ImageUrl);
        if (image is not null && channel.SupportsImages && (text is null || text.Length <= MaxCaptionLength))
        {
            turn.Send(new ImageContent(image, null, text, buttons));
        }
        else
        {
            if (image is not null)
            {
                turn.Send(channel.SupportsImages ? new ImageContent(image, null) : new LinkContent(image, image));
            }

            if (text is not null || buttons is not null)
            {
                turn.Send(new TextContent(text ?? "", buttons));
            }
        }

        links.ForEach(turn.Send);
        return message.Next;
    }

    private static string? HandOver(Turn turn, HandoffStep handoff)
    {
        if (handoff.Text is not null)
        {
            turn.Say(turn.Render(handoff.Text));
        }

        turn.Effects.Add(new HandoffRequested(turn.Render(handoff.Reason)));
        return null;
    }

    private static string? Finish(Turn turn, Template? text)
    {
        if (text is not null)
        {
            turn.Say(turn.Render(text));
        }

        return null;
    }

    private static StepAnswer AnswerInput(Turn turn, InputStep step, BotInput input)
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

            turn.Say(step.RetryText is null ? DefaultRetryText(step.Kind) : turn.Render(step.RetryText));
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

    private static string DefaultRetryText(InputKind kind) => kind switch
    {
        InputKind.Email => "Похоже, это не адрес e-mail. Напишите, например: name@example.com / That does not look like an e-mail address, e.g. name@example.com",
        InputKind.Phone => "Похоже, это не номер телефона. Напишите, например: +7 999 123-45-67 / That does not look like a phone number, e.g. +7 999 123-45-67",
        _ => "Не получилось принять ответ, попробуйте ещё раз. / Please try again.",
    };

    private StepAnswer AnswerConsent(Turn turn, ConsentStep step, BotInput input)
    {
        var index = ChoiceMatcher.Match(input, ConsentChoices(step));
        if (index is null && input is TextInput text)
        {
            var typed = ChoiceMatcher.Normalize(text.Text);
            index = YesWords.Contains(typed) ? 0 : NoWords.Contains(typed) ? 1 : null;
        }

        if (index is null)
        {
            return StepAnswer.NotUnderstood;
        }

        var granted = index == 0;
        turn.Effects.Add(new ConsentRecorded(new ConsentRecord(step.Purpose, granted, step.Version, turn.Render(step.Text), timeProvider.GetUtcNow())));
        turn.Variables[$"{ValueRoots.Consent}.{step.Purpose}"] = granted ? step.Version : "declined";
        return StepAnswer.MoveTo(granted ? step.OnYes : step.OnNo);
    }

    private static bool IsGranted(Turn turn, ConsentStep step)
    {
        if (turn.Variables.TryGetValue($"{ValueRoots.Consent}.{step.Purpose}", out var answered))
        {
            return answered == step.Version;
        }

        var last = turn.Context.Consents.LastOrDefault(c => c.Purpose == step.Purpose);
        return last is { Granted: true } && last.TextVersion == step.Version;
    }

    private static StepAnswer AnswerRating(Turn turn, RatingStep step, BotInput input)
    {
        int? score = input switch
        {
            ButtonPressInput press => ChoiceMatcher.Match(press, RatingChoices(step)) is { } index ? step.Min + index : null,
            TextInput text when FirstNumber().Match(text.Text) is { Success: true } match
                && int.TryParse(match.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
        if (score is null)
        {
            return StepAnswer.NotUnderstood;
        }

        if (score < step.Min || score > step.Max)
        {
            turn.Say(RatingHint(turn, step));
            return StepAnswer.Stay;
        }

        var value = score.Value;
        turn.Effects.Add(new SurveyScoreRecorded(step.Id, value, step.Min, step.Max));
        if (step.Variable is not null)
        {
            turn.Write(step.Variable, value.ToString(CultureInfo.InvariantCulture));
        }

        if (value >= step.Threshold)
        {
            return StepAnswer.MoveTo(step.OnHigh);
        }

        if (step.HandoffOnLow)
        {
            turn.Effects.Add(new HandoffRequested($"low survey score: {value} of {step.Max}"));
        }

        return StepAnswer.MoveTo(step.OnLow);
    }

    private static StepAnswer AnswerQuiz(Turn turn, QuizStep step, BotInput input)
    {
        var progress = turn.Quiz;
        if (progress is null || progress.QuestionIndex >= step.Questions.Length)
        {
            // The quiz changed under the session (hot swap): start it again.
            Wait(turn, step, new QuizProgress(0, 0));
            return StepAnswer.Stay;
        }

        var question = step.Questions[progress.QuestionIndex];
        if (ChoiceMatcher.Match(input, QuizChoices(step, progress.QuestionIndex)) is not { } chosen)
        {
            return StepAnswer.NotUnderstood;
        }

        var right = chosen == question.Answer;
        turn.Say(right ? turn.Render(step.CorrectText) : $"{turn.Render(step.WrongText)} {question.Options[question.Answer]}");
        var score = progress.Score + (right ? 1 : 0);
        if (progress.QuestionIndex + 1 < step.Questions.Length)
        {
            turn.Quiz = new QuizProgress(progress.QuestionIndex + 1, score);
            Prompt(turn, step);
            return StepAnswer.Stay;
        }

        var total = step.Questions.Length;
        turn.Variables[ValueRoots.QuizScore] = score.ToString(CultureInfo.InvariantCulture);
        turn.Variables[ValueRoots.QuizTotal] = total.ToString(CultureInfo.InvariantCulture);
        turn.Say(turn.Render(step.Results.First(r => r.Min <= score && score <= r.Max).Text));
        turn.Effects.Add(new QuizCompleted(step.Id, score, total));
        return StepAnswer.MoveTo(step.Next);
    }

    private static List<Choice> MenuChoices(MenuStep menu) => [.. menu.Options.Select(o => new Choice(o.Label, o.Payload))];

    private static List<Choice> ConsentChoices(ConsentStep step) => [new(step.YesLabel, $"{step.Id}#yes"), new(step.NoLabel, $"{step.Id}#no")];

    private static List<Choice> RatingChoices(RatingStep step) =>
        [.. Enumerable.Range(step.Min, step.Max - step.Min + 1).Select(n => new Choice(n.ToString(CultureInfo.InvariantCulture), $"{step.Id}#{n}"))];

    private static List<Choice> QuizChoices(QuizStep step, int question) =>
        [.. step.Questions[question].Options.Select((o, i) => new Choice(o, $"{step.Id}#q{question + 1}.{i + 1}"))];

    private static string RatingHint(Turn turn, RatingStep step) =>
        turn.Scenario.Texts.RatingHint.Render(path => path switch
        {
            "min" => step.Min.ToString(CultureInfo.InvariantCulture),
            "max" => step.Max.ToString(CultureInfo.InvariantCulture),
            _ => null,
        });

    private static string? RenderUrl(Turn turn, Template template)
    {
        var url = template.Render(turn.Value, TemplateEncoding.Url);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? url : null;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex FirstNumber();
}
