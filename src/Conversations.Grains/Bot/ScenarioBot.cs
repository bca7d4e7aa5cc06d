using System.Globalization;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Outbound;
using Conversations.Abstractions.Tenants;
using Conversations.Bot.Effects;
using Conversations.Bot.Engine;
using Conversations.Bot.Faq;
using Conversations.Bot.Understanding;
using Conversations.Grains.Bot.Ai;
using Conversations.Grains.Conversations;
using Conversations.Grains.Tenants;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Bot;

/// <summary>
/// The tenant's bot: the scenario engine answers what the scenario expects; free text it does not expect goes to the
/// FAQ matcher, which decides with the knowledge base's calibrated policy: it answers when both the confidence and the
/// margin over the runner-up say so, asks "did you mean …?" with the close entries when none wins clearly (where the
/// tenant allows it; <see cref="FaqChoices"/>), and otherwise says it did not understand and offers an operator. Before the FAQ, small talk (greetings, thanks, goodbye, yes/no, "operator please") gets its own
/// answer from the tenant's texts, and a greeting in front of a question is set aside so the question is matched; after
/// it, the frustration meter may offer a human before the customer asks. Where the platform and the tenant enable the
/// optional AI, the FAQ match is re-ranked by meaning and a grounded answer may be tried before "not sure" (both off the
/// acknowledgement path). Without a scenario and FAQ, the fallback bot answers.
/// </summary>
internal sealed partial class ScenarioBot(
    BotDefinitions definitions,
    ScenarioEngine engine,
    TenantSettingsCache settings,
    FallbackBot fallback,
    AiServices ai,
    ILogger<ScenarioBot> logger) : IConversationBot
{
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async Task<BotReply> ReplyAsync(BotRequest request, CancellationToken cancellationToken)
    {
        var tenantSettings = CustomerLanguage.Apply(await settings.GetAsync(request.TenantId), request.CustomerLanguage);
        // A draft is run by the scenario grain itself: asking the definitions would call back into it.
        var scenario = request.Draft ?? (await definitions.GetScenarioAsync(request.TenantId)).Scenario;
        var tenantFaq = await definitions.GetTenantFaqAsync(request.TenantId);
        var faq = tenantFaq?.Matcher;
        if (scenario is null && faq is null)
        {
            return await fallback.ReplyAsync(request, cancellationToken);
        }

        if (request.Event is { } businessEvent && scenario?.EventEntryPoints.ContainsKey(businessEvent.Name) != true)
        {
            throw DomainException.Rule(OutboundRuleNames.NoEntryPoint, $"The tenant's scenario has no entry point for the event '{businessEvent.Name}' (\"events\" in the scenario).");
        }

        if (request.Event is null && EmailBotRule.AnswersOnce(request.Channel.Kind, tenantSettings))
        {
            return await AnswerMailAsync(request, faq, tenantSettings, cancellationToken);
        }

        var remembered = ReadUnderstanding(request.UnderstandingJson);
        if (request.Event is null && remembered?.FaqOffer is { } open)
        {
            // Any reply closes the offer; one that picks a choice is answered here, before the scenario sees it.
            remembered.FaqOffer = null;
            if (FaqChoices.Answer(open, faq, request, tenantSettings, JsonSerializer.Serialize(remembered, StateJson)) is { } chosen)
            {
                return chosen;
            }
        }

        var input = request.Event is { } started ? new EventInput(started.Name, started.Data) : BotInput.FromMessage(request.Message.Content);
        var messages = new List<MessageContent>();
        var events = new List<EventContent>();
        var update = new UpdateBuilder();
        string? handoff = null;
        var cause = HandoffCause.ScenarioStep;
        string? sessionJson = request.SessionJson;
        var codes = new List<VerificationCode>();
        VerifiedFacts? verified = null;
        string? question = input is TextInput { Text: var typed } && scenario is null ? typed : null;

        if (scenario is not null)
        {
            var result = await engine.RunTurnAsync(scenario, ReadSession(request.SessionJson), input,
                BotContext.For(request.Customer, request.Channel, tenantSettings.BotConfig), request.OutsideCallsAllowed, cancellationToken);
            messages.AddRange(result.Messages);
            sessionJson = result.Session.ToJson();
            foreach (var effect in result.Effects)
            {
                switch (effect)
                {
                    case ConsentRecorded consent:
                        update.Consents.Add(consent.Consent);
                        break;
                    case ContactCollected { Kind: ContactKind.Phone } phone:
                        update.Phones.Add(phone.Value);
                        break;
                    case ContactCollected email:
                        update.Emails.Add(email.Value);
                        break;
                    case CustomerAttributeSet attribute:
                        update.Attributes[attribute.Name] = attribute.Value;
                        break;
                    case VerificationCodeIssued code:
                        codes.Add(new VerificationCode(code.Kind == ContactKind.Email ? ChannelKind.NotificationEmail : ChannelKind.NotificationSms,
                            code.Destination, code.Subject, code.Text));
                        break;
                    case ContactVerified { Kind: ContactKind.Email } email:
                        verified = (verified ?? new VerifiedFacts()) with { Email = email.Value };
                        break;
                    case ContactVerified phone:
                        verified = (verified ?? new VerifiedFacts()) with { Phone = phone.Value };
                        break;
                    case SurveyScoreRecorded score:
                        update.Attributes["survey." + score.StepId] = score.Score.ToString(CultureInfo.InvariantCulture);
                        events.Add(new EventContent(ConversationEventKind.SurveyAnswered,
                            string.Create(CultureInfo.InvariantCulture, $"{score.StepId}: {score.Score} of {score.Min}–{score.Max}"),
                            Score: new SurveyScore(score.StepId, score.Score, score.Min, score.Max)));
                        break;
                    case SurveyOffered offered:
                        events.Add(new EventContent(ConversationEventKind.SurveyOffered, offered.StepId));
                        break;
                    case QuizCompleted quiz:
                        update.Attributes["quiz." + quiz.StepId] = $"{quiz.Score}/{quiz.Total}";
                        break;
                    case HandoffRequested request1:
                        handoff = request1.Reason;
                        cause = request1.Cause;
                        break;
                    case UnhandledFreeText text:
                        question = text.Text;
                        break;
                    case ScenarioRestarted restarted:
                        events.Add(new EventContent(ConversationEventKind.ScenarioRestarted,
                            $"Scenario v{restarted.NewVersion} no longer has step '{restarted.PreviousStepId}' (v{restarted.PreviousVersion}); restarted from the beginning."));
                        break;
                    case ScenarioErrorOccurred error:
                        LogScenarioError(logger, request.TenantId, request.ConversationId, error.Kind.ToString(), error.StepId, error.Detail);
                        break;
                }
            }
        }

        var understood = true;
        MessageContent? offer = null;
        string? offerReason = null;
        FaqOffer? faqOffer = null;
        var state = remembered;
        if (question is not null && handoff is null)
        {
            var smallTalk = tenantSettings.SmallTalkOn ? SmallTalk.Recognize(question) : SmallTalkMatch.None;
            if (smallTalk.IsWholeMessage)
            {
                handoff = SmallTalkTurn(smallTalk.Intent, state, messages, tenantSettings);
                cause = HandoffCause.Asked;
                if (state is not null)
                {
                    state.OfferOpen = false;
                }
            }
            else
            {
                var asked = smallTalk.Question ?? question;
                var match = faq?.Match(asked) ?? FaqMatch.None;
                GroundedAnswer? aiAnswer = null;
                if (faq is not null)
                {
                    (match, aiAnswer) = await AskAiAsync(faq, asked, match, tenantSettings, request.OutsideCallsAllowed, cancellationToken);
                }

                var decision = aiAnswer is null && tenantFaq is not null ? match.Decide(tenantFaq.PolicyFor(tenantSettings)) : FaqDecision.HandOver;
                understood = aiAnswer is not null || decision.Kind != FaqDecisionKind.HandOver;
                var reading = tenantSettings.FrustrationOfferAt is { } threshold
                    ? FrustrationMeter.Read(state, question, understood, threshold)
                    : null;
                state = reading?.State;
                if (reading is { OfferOperator: true })
                {
                    offer = new TextContent(tenantSettings.Text(TenantTexts.FrustrationOffer),
                        [new Button(tenantSettings.Text(TenantTexts.FrustrationOfferButton), ConversationGrain.HandoffPayload)]);
                    offerReason = reading.Reason;
                }

                if (aiAnswer is not null)
                {
                    messages.Add(new TextContent(aiAnswer.Text));
                    events.Add(new EventContent(ConversationEventKind.AiAnswered, $"AI answer from FAQ entry '{aiAnswer.EntryId}'."));
                }
                else if (decision.Kind == FaqDecisionKind.Answer)
                {
                    messages.Add(new TextContent(decision.Entry!.Answer));
                }
                else if (decision.Kind == FaqDecisionKind.Suggest)
                {
                    messages.Add(FaqChoices.Ask(decision.Suggestions, request.Channel, tenantSettings));
                    faqOffer = new FaqOffer { Question = asked, EntryIds = [.. decision.Suggestions.Select(e => e.Id)] };
                }
                else if (offer is null)
                {
                    // The offer of a human says everything "not sure" would, so only one of them is sent.
                    messages.Add(new TextContent(tenantSettings.Text(TenantTexts.FaqNotSure),
                        [new Button(tenantSettings.Text(TenantTexts.FaqOperatorButton), ConversationGrain.HandoffPayload)]));
                }
            }
        }

        if (state is null && (faqOffer is not null || remembered is not null))
        {
            // Frustration off: the state carries the offer alone (or is written back with a closed offer).
            state = remembered ?? new FrustrationState();
        }

        if (state is not null)
        {
            state.FaqOffer = faqOffer;
        }

        var understanding = state is null ? request.UnderstandingJson : JsonSerializer.Serialize(state, StateJson);
        return new BotReply(messages, sessionJson, understood, handoff, update.Build(), events, offer, offerReason, understanding, cause, codes, verified);
    }

    /// <summary>
    /// A mail's one answer (<see cref="EmailBotRule"/>): the FAQ's answer (or the AI's grounded one) when confident, and
    /// the handoff; no scenario step runs and no small talk is answered.
    /// </summary>
    private async Task<BotReply> AnswerMailAsync(BotRequest request, FaqMatcher? faq, TenantSettings settings, CancellationToken cancellationToken)
    {
        if (faq is null || request.Message.Content is not TextContent { Text: var question })
        {
            return EmailBotRule.Reply(request, null);
        }

        var (match, aiAnswer) = await AskAiAsync(faq, question, faq.Match(question), settings, request.OutsideCallsAllowed, cancellationToken);
        if (aiAnswer is not null)
        {
            return EmailBotRule.Reply(request, new TextContent(aiAnswer.Text),
                [new EventContent(ConversationEventKind.AiAnswered, $"AI answer from FAQ entry '{aiAnswer.EntryId}'.")]);
        }

        return EmailBotRule.Reply(request, match.IsConfident(settings.FaqThreshold) ? new TextContent(match.Entry!.Answer) : null);
    }

    /// <summary>
    /// The optional AI, where the platform configured it and the tenant enabled it: the lexical match re-ranked with an
    /// embedding model (within the turn's time budget; the lexical match stands otherwise), then, when the FAQ is still
    /// not sure, a grounded answer from the nearest entries. Both are outside calls: a turn on the acknowledgement path
    /// stops before them and runs again off it.
    /// </summary>
    private async Task<(FaqMatch Match, GroundedAnswer? Answer)> AskAiAsync(
        FaqMatcher faq, string question, FaqMatch match, TenantSettings settings, bool outsideCallsAllowed, CancellationToken cancellationToken)
    {
        var rerank = settings.AiSemanticMatching == true ? ai.Reranker : null;
        var answerer = settings.AiAnswers == true ? ai.Answerer : null;
        if (rerank is null && (answerer is null || match.IsConfident(settings.FaqThreshold)))
        {
            return (match, null);
        }

        if (!outsideCallsAllowed)
        {
            throw new OutsideCallRequiredException("ai");
        }

        if (rerank is not null)
        {
            match = await rerank.RerankAsync(faq, question, match, cancellationToken);
        }

        if (answerer is null || match.IsConfident(settings.FaqThreshold))
        {
            return (match, null);
        }

        var size = ai.Options.GroundingEntries;
        IEnumerable<FaqEntry> candidates = faq.Entries.Count <= size
            ? faq.Entries
            : new[] { match.Entry, match.RunnerUp }.OfType<FaqEntry>()
                .Concat(rerank is null ? [] : await rerank.NearestAsync(faq, question, size, cancellationToken))
                .DistinctBy(e => e.Id);
        return (match, await answerer.AnswerAsync(question, [.. candidates.Take(size)], cancellationToken));
    }

    /// <summary>
    /// Answers a message that is small talk and nothing else; returns a handoff reason when the customer asked for a
    /// human (or accepted the human the bot offered). A greeting after the scenario has just greeted (the start step
    /// with its menu, run this turn) adds nothing: the menu is shown once, with no "not sure" under it.
    /// </summary>
    private static string? SmallTalkTurn(SmallTalkIntent intent, FrustrationState? state, List<MessageContent> messages, TenantSettings settings)
    {
        var offerOpen = state is { OfferOpen: true };
        switch (intent)
        {
            case SmallTalkIntent.Operator:
                return offerOpen ? Accepted(state!) : "The customer asked for an operator.";
            case SmallTalkIntent.Yes when offerOpen:
                return Accepted(state!);
            case SmallTalkIntent.Greeting when messages.Count > 0:
                return null;
            default:
                messages.Add(new TextContent(settings.Text(intent switch
                {
                    SmallTalkIntent.Greeting => TenantTexts.SmallTalkGreeting,
                    SmallTalkIntent.Thanks => TenantTexts.SmallTalkThanks,
                    SmallTalkIntent.Goodbye => TenantTexts.SmallTalkGoodbye,
                    SmallTalkIntent.Yes => TenantTexts.SmallTalkYes,
                    _ => TenantTexts.SmallTalkNo,
                })));
                return null;
        }

        static string Accepted(FrustrationState state) =>
            $"The customer accepted the bot's offer of an operator. {state.OfferReason}".TrimEnd();
    }

    private FrustrationState? ReadUnderstanding(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<FrustrationState>(json, StateJson);
        }
        catch (JsonException ex)
        {
            // Only the frustration memory is lost; the turn goes on.
            LogBadUnderstanding(logger, ex);
            return null;
        }
    }

    private BotSession? ReadSession(string? json)
    {
        try
        {
            return BotSession.FromJson(json);
        }
        catch (JsonException ex)
        {
            // A session written by a much older bot: start over rather than fail every turn.
            LogBadSession(logger, ex);
            return null;
        }
    }

    private sealed class UpdateBuilder
    {
        public List<ConsentRecord> Consents { get; } = [];

        public List<string> Phones { get; } = [];

        public List<string> Emails { get; } = [];

        public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

        public CustomerUpdate Build() => new([.. Consents], [.. Phones], [.. Emails], Attributes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scenario error in tenant {TenantId}, conversation {ConversationId}: {Kind} at step {StepId}: {Detail}")]
    private static partial void LogScenarioError(ILogger logger, Guid tenantId, Guid conversationId, string kind, string? stepId, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored frustration memory could not be read; it starts over")]
    private static partial void LogBadUnderstanding(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored bot session could not be read; the conversation starts the scenario over")]
    private static partial void LogBadSession(ILogger logger, Exception exception);
}
