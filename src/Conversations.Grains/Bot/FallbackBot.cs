using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Bot.Understanding;
using Conversations.Grains.Conversations;
using Conversations.Grains.Tenants;

namespace Conversations.Grains.Bot;

/// <summary>
/// The bot of a tenant without a scenario: greets on <c>/start</c>, acknowledges messages so the customer knows they
/// arrived (without claiming to understand them, so after a few the conversation goes to an operator), and says
/// politely what it cannot read, and answers small talk as such; all in the tenant's texts.
/// </summary>
public sealed class FallbackBot(TenantSettingsCache settings) : IConversationBot
{
    /// <inheritdoc />
    public async Task<BotReply> ReplyAsync(BotRequest request, CancellationToken cancellationToken)
    {
        var tenant = CustomerLanguage.Apply(await settings.GetAsync(request.TenantId), request.CustomerLanguage);
        if (EmailBotRule.AnswersOnce(request.Channel.Kind, tenant))
        {
            return EmailBotRule.Reply(request, null); // no FAQ to answer from: the acknowledgement alone
        }

        return request.Message.Content switch
        {
            TextContent { Text: var text } when text.StartsWith("/start", StringComparison.OrdinalIgnoreCase) => new BotReply(
                [new TextContent(tenant.Text(TenantTexts.FallbackGreeting))], request.SessionJson),
            TextContent { Text: var text } when tenant.SmallTalkOn && SmallTalk.Recognize(text) is { IsWholeMessage: true } smallTalk => SmallTalkReply(smallTalk.Intent, tenant, request),
            UnsupportedContent unsupported => new BotReply(
                [new TextContent(tenant.Text(TenantTexts.FallbackUnsupported).Replace("{kind}", unsupported.Kind, StringComparison.Ordinal))],
                request.SessionJson),
            _ => new BotReply([new TextContent(tenant.Text(TenantTexts.FallbackReceived))], request.SessionJson, Understood: false),
        };
    }

    private static BotReply SmallTalkReply(SmallTalkIntent intent, TenantSettings tenant, BotRequest request) => intent switch
    {
        SmallTalkIntent.Operator => new BotReply([], request.SessionJson, HandoffReason: "The customer asked for an operator.", HandoffCause: HandoffCause.Asked),
        _ => new BotReply([new TextContent(tenant.Text(intent switch
        {
            SmallTalkIntent.Greeting => TenantTexts.FallbackGreeting,
            SmallTalkIntent.Thanks => TenantTexts.SmallTalkThanks,
            SmallTalkIntent.Goodbye => TenantTexts.SmallTalkGoodbye,
            SmallTalkIntent.Yes => TenantTexts.SmallTalkYes,
            _ => TenantTexts.SmallTalkNo,
        }))], request.SessionJson),
    };
}
