using System.Globalization;
using System.Text.Json;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Bot.Effects;
using Conversations.Bot.Engine;
using Conversations.Bot.Faq;
using Conversations.Grains.Conversations;
using Conversations.Grains.Tenants;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Bot;

/// <summary>
/// The tenant's bot: the scenario engine answers what the scenario expects; free text it does not expect goes to the
/// FAQ matcher, which answers only above the tenant's confidence threshold and otherwise says it did not understand and
/// offers an operator. Without a scenario and FAQ, the fallback bot answers.
/// </summary>
internal sealed partial class ScenarioBot(
    BotDefinitions definitions,
    ScenarioEngine engine,
    TenantSettingsCache settings,
    FallbackBot fallback,
    ILogger<ScenarioBot> logger) : IConversationBot
{
    /// <inheritdoc />
    public async Task<BotReply> ReplyAsync(BotRequest request, CancellationToken cancellationToken)
    {
        var tenantSettings = CustomerLanguage.Apply(await settings.GetAsync(request.TenantId), request.CustomerLanguage);
        var (scenario, _) = await definitions.GetScenarioAsync(request.TenantId);
        var faq = await definitions.GetFaqAsync(request.TenantId);
        if (scenario is null && faq is null)
        {
            return await fallback.ReplyAsync(request, cancellationToken);
        }

        var input = BotInput.FromMessage(request.Message.Content);
        var messages = new List<MessageContent>();
        var events = new List<EventContent>();
        var update = new UpdateBuilder();
        string? handoff = null;
        string? sessionJson = request.SessionJson;
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
                    case SurveyScoreRecorded score:
                        update.Attributes["survey." + score.StepId] = score.Score.ToString(CultureInfo.InvariantCulture);
                        break;
                    case QuizCompleted quiz:
                        update.Attributes["quiz." + quiz.StepId] = $"{quiz.Score}/{quiz.Total}";
                        break;
                    case HandoffRequested request1:
                        handoff = request1.Reason;
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
        if (question is not null && handoff is null)
        {
            var match = faq?.Match(question) ?? FaqMatch.None;
            if (match.IsConfident(tenantSettings.FaqThreshold))
            {
                messages.Add(new TextContent(match.Entry!.Answer));
            }
            else
            {
                understood = false;
                messages.Add(new TextContent(tenantSettings.Text(TenantTexts.FaqNotSure),
                    [new Button(tenantSettings.Text(TenantTexts.FaqOperatorButton), ConversationGrain.HandoffPayload)]));
            }
        }

        return new BotReply(messages, sessionJson, understood, handoff, update.Build(), events);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored bot session could not be read; the conversation starts the scenario over")]
    private static partial void LogBadSession(ILogger logger, Exception exception);
}
