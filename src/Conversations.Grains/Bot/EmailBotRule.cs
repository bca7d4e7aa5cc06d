using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;

namespace Conversations.Grains.Bot;

/// <summary>
/// The bot on e-mail answers a mail once: an acknowledgement, with the FAQ's answer under it when the FAQ is confident,
/// then it hands the conversation over. A mail is no chat: a button menu, a greeting and "not sure" would each be a
/// mail of their own, answered at mail speed. A tenant that wants its scenario on e-mail chooses numbered choices
/// (<see cref="TenantSettings.EmailNumberedChoices"/>): menus then go as numbered lines the customer answers by mail.
/// </summary>
internal static class EmailBotRule
{
    /// <summary>What the operators read as the handoff's reason.</summary>
    public const string HandoffReason = "A customer's mail: the bot acknowledged it and handed it over.";

    /// <summary>True when the bot answers a message on <paramref name="kind"/> once and hands over.</summary>
    public static bool AnswersOnce(ChannelKind kind, TenantSettings settings) => kind == ChannelKind.Email && settings.EmailNumberedChoices != true;

    /// <summary>The bot's reply to a mail: <paramref name="answer"/> (the FAQ's, when confident) and the handoff.</summary>
    public static BotReply Reply(BotRequest request, MessageContent? answer, IReadOnlyList<EventContent>? events = null) =>
        new(answer is null ? [] : [answer], request.SessionJson, HandoffReason: HandoffReason, HandoffCause: HandoffCause.Other, Events: events);
}
