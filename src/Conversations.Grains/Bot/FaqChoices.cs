using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Bot.Faq;
using Conversations.Bot.Understanding;

namespace Conversations.Grains.Bot;

/// <summary>
/// The bot's "did you mean …?": asked in the tenant's words with the close entries and "none of these"; the
/// customer's choice answers with that entry (and is recorded for the admin), "none of these" hands over, and anything
/// else is read as a new message.
/// </summary>
internal static class FaqChoices
{
    /// <summary>The question with <paramref name="offered"/> as choices, fitted to the channel.</summary>
    public static MessageContent Ask(IReadOnlyList<FaqEntry> offered, ChannelCapabilities channel, TenantSettings settings) =>
        FaqChoicePrompt.Render(settings.Text(TenantTexts.FaqDidYouMean), offered, settings.Text(TenantTexts.FaqNoneOfThese), channel,
            settings.Text(TenantTexts.FaqChoiceHint));

    /// <summary>The reply to a message that answers the <paramref name="open"/> offer, or null when it does not (or the
    /// knowledge base lost an offered entry meanwhile): the message is then read as any other.</summary>
    /// <param name="open">The offer the bot made last.</param>
    /// <param name="faq">The tenant's matcher now.</param>
    /// <param name="request">The customer's message.</param>
    /// <param name="settings">The tenant's settings (texts).</param>
    /// <param name="understanding">The bot's memory to keep, the offer closed.</param>
    public static BotReply? Answer(FaqOffer open, FaqMatcher? faq, BotRequest request, TenantSettings settings, string understanding)
    {
        var offered = open.EntryIds.Select(id => faq?.Entries.FirstOrDefault(e => e.Id == id)).ToList();
        if (offered.Count == 0 || offered.Any(e => e is null))
        {
            return null;
        }

        var pick = FaqChoicePrompt.Read(request.Message.Content, [.. offered.Select(e => FaqChoicePrompt.LabelOf(e!))], settings.Text(TenantTexts.FaqNoneOfThese));
        return pick switch
        {
            null => null,
            FaqChoicePrompt.None => new BotReply([], request.SessionJson,
                HandoffReason: $"None of the FAQ entries the bot offered fits the customer's question \"{open.Question}\".",
                UnderstandingJson: understanding, HandoffCause: HandoffCause.Asked),
            _ => new BotReply([new TextContent(offered[pick.Value]!.Answer)], request.SessionJson, UnderstandingJson: understanding,
                FaqChoice: new FaqChoiceMade(open.Question, offered[pick.Value]!.Id)),
        };
    }
}
