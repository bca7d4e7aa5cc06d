using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Engine;

namespace Conversations.Bot.Faq;

/// <summary>
/// The "did you mean …?" of a <see cref="FaqDecisionKind.Suggest"/> decision as the customer sees it, and the reading of
/// the answer: the offered entries (by their first question) plus "none of these", as buttons where the channel has
/// enough of them and as numbered lines otherwise (the scenarios' <see cref="ChoiceRenderer"/> and
/// <see cref="ChoiceMatcher"/>, so "2", the label typed out or the button all pick the second entry).
/// </summary>
public static class FaqChoicePrompt
{
    /// <summary>Payloads of the choice buttons start with this; the entry is found by position in the offer, so
    /// payloads stay short (Telegram's callback data is at most 64 bytes) whatever the entry ids.</summary>
    public const string PayloadPrefix = "faq-choice:";

    /// <summary>The payload of "none of these".</summary>
    public const string NonePayload = PayloadPrefix + "none";

    /// <summary>What <see cref="Read"/> answers for "none of these".</summary>
    public const int None = -1;

    /// <summary>The question with its choices, fitted to <paramref name="channel"/>.</summary>
    /// <param name="text">"Did you mean …?" in the tenant's words.</param>
    /// <param name="offered">The entries offered, best first (1 to <see cref="FaqPolicy.MaxSuggestions"/>).</param>
    /// <param name="noneLabel">"None of these" in the tenant's words.</param>
    /// <param name="channel">What the customer's channel can show.</param>
    /// <param name="numberedHint">The line under numbered choices ("Reply with a number.").</param>
    public static TextContent Render(string text, IReadOnlyList<FaqEntry> offered, string noneLabel, ChannelCapabilities channel, string numberedHint)
    {
        ArgumentNullException.ThrowIfNull(offered);
        return ChoiceRenderer.Render(text, Choices([.. offered.Select(LabelOf)], noneLabel), channel, numberedHint);
    }

    /// <summary>What the customer's <paramref name="content"/> picks among <paramref name="offeredLabels"/> (the entries'
    /// labels in the order shown): the index of an entry, <see cref="None"/> for "none of these", or null when the
    /// message is not an answer to the offer.</summary>
    public static int? Read(MessageContent content, IReadOnlyList<string> offeredLabels, string noneLabel)
    {
        ArgumentNullException.ThrowIfNull(offeredLabels);
        var choices = Choices(offeredLabels, noneLabel);
        var index = ChoiceMatcher.Match(BotInput.FromMessage(content), choices);
        return index is null ? null : index == choices.Count - 1 ? None : index;
    }

    /// <summary>The label an entry is offered under: its first question.</summary>
    public static string LabelOf(FaqEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Questions[0];
    }

    private static List<Choice> Choices(IReadOnlyList<string> labels, string noneLabel) =>
        [.. labels.Select((label, i) => new Choice(label, PayloadPrefix + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            new Choice(noneLabel, NonePayload)];
}
