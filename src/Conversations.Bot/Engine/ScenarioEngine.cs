using Conversations.Abstractions.Messages;
using Conversations.Bot.Effects;
using Conversations.Bot.Http;
using Conversations.Bot.Scenarios;
using Conversations.Bot.Scenarios.Steps;

namespace Conversations.Bot.Engine;

/// <summary>
/// Runs one turn of a scenario: takes the customer's input, moves the session through the scenario and returns the
/// messages to send, the new session and the effects for the caller. Stateless (all state is in the session), so one
/// engine serves every conversation.
/// </summary>
/// <remarks>
/// <para>Each kind of step has its runner (<see cref="MessageStepRunner"/>, <see cref="MenuStepRunner"/>, <see cref="InputStepRunner"/>,
/// <c>ConsentStepRunner</c>, <see cref="RatingStepRunner"/>, <see cref="QuizStepRunner"/>, <c>HttpStepRunner</c>, ...); the engine
/// dispatches to them and owns what is common: where a turn starts, input no step expects, the loop guard.</para>
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
public sealed class ScenarioEngine(IScenarioHttpClient httpClient, TimeProvider timeProvider)
{
    private readonly HttpStepRunner _http = new(httpClient, timeProvider);
    private readonly ConsentStepRunner _consent = new(timeProvider);
    private readonly VerifyStepRunner _verify = new(timeProvider);

    /// <summary>Runs one turn.</summary>
    /// <param name="scenario">The tenant's current scenario (possibly newer than the session's).</param>
    /// <param name="session">The conversation's session; null for a new conversation.</param>
    /// <param name="input">What the customer did.</param>
    /// <param name="context">The customer and the channel.</param>
    /// <param name="cancellationToken">Cancels an http step in flight.</param>
    public Task<BotTurnResult> RunTurnAsync(
        Scenario scenario, BotSession? session, BotInput input, BotContext context, CancellationToken cancellationToken = default) =>
        RunTurnAsync(scenario, session, input, context, outsideCallsAllowed: true, cancellationToken);

    /// <summary>
    /// Runs one turn; with <paramref name="outsideCallsAllowed"/> false a turn that reaches an http step stops with
    /// <see cref="OutsideCallRequiredException"/> before calling out, and nothing of it is kept (the engine is
    /// stateless): the caller runs it again where waiting for the business's system holds nothing up.
    /// </summary>
    /// <param name="scenario">The tenant's current scenario (possibly newer than the session's).</param>
    /// <param name="session">The conversation's session; null for a new conversation.</param>
    /// <param name="input">What the customer did.</param>
    /// <param name="context">The customer and the channel.</param>
    /// <param name="outsideCallsAllowed">False to stop before an http step instead of calling out.</param>
    /// <param name="cancellationToken">Cancels an http step in flight.</param>
    public async Task<BotTurnResult> RunTurnAsync(
        Scenario scenario, BotSession? session, BotInput input, BotContext context, bool outsideCallsAllowed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var turn = new Turn(scenario, session, context) { OutsideCallsAllowed = outsideCallsAllowed };
        if (input is EventInput businessEvent)
        {
            var entryPoint = scenario.EventEntryPoints.GetValueOrDefault(businessEvent.Name)
                ?? throw new ArgumentException($"The scenario has no entry point for the event '{businessEvent.Name}'.", nameof(input));
            foreach (var (name, value) in businessEvent.Data)
            {
                turn.Write($"{ValueRoots.Event}.{name}", value);
            }

            await RunFromAsync(turn, entryPoint, cancellationToken);
        }
        else if (input is StartInput start)
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
            MenuStep menu => MenuStepRunner.Answer(menu, input),
            InputStep question => InputStepRunner.Answer(turn, question, input),
            ConsentStep consent => _consent.Answer(turn, consent, input),
            RatingStep rating => RatingStepRunner.Answer(turn, rating, input),
            QuizStep quiz => QuizStepRunner.Answer(turn, quiz, input),
            VerifyStep verify => _verify.Answer(turn, verify, input),
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
                    StepPrompts.Prompt(turn, turn.Scenario.Steps[current]);
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
                MessageStep message => MessageStepRunner.Run(turn, message),
                HttpStep http => turn.OutsideCallsAllowed ? await _http.RunAsync(http, turn, cancellationToken) : throw new OutsideCallRequiredException(http.Id),
                ConditionStep condition => ConditionEvaluator.Next(condition, turn),
                GotoStep jump => jump.Target,
                HandoffStep handoff => HandoffStepRunner.Run(turn, handoff),
                EndStep end => EndStepRunner.Run(turn, end.Text),
                ConsentStep consent when !consent.AskAgain && ConsentStepRunner.IsGranted(turn, consent) => consent.OnYes,
                QuizStep quiz => StepPrompts.Wait(turn, quiz, new QuizProgress(0, 0)),
                VerifyStep verify => _verify.Enter(turn, verify),
                _ => StepPrompts.Wait(turn, step, null),
            };
        }
    }

}
