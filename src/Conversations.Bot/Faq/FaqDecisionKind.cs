namespace Conversations.Bot.Faq;

/// <summary>What the bot does with a question.</summary>
public enum FaqDecisionKind
{
    /// <summary>Hand it over to a person.</summary>
    HandOver = 0,

    /// <summary>Answer with the best entry.</summary>
    Answer = 1,

    /// <summary>Ask "did you mean …?" with the close entries as choices, plus "none of these" (which hands over).</summary>
    Suggest = 2,
}
