namespace Conversations.Bot.Understanding;

/// <summary>
/// What the bot remembers of a conversation to notice frustration: the customer's last questions, the score and the
/// signals that made it; also the open "did you mean …?", if any. Kept by the conversation as JSON between turns; bounded (<see cref="FrustrationMeter.Remembered"/>
/// questions). Property names are a storage format: add, never rename.
/// </summary>
public sealed class FrustrationState
{
    /// <summary>The customer's last questions, as word lists, newest last.</summary>
    public List<List<string>> Recent { get; set; } = [];

    /// <summary>The score now (signals add to it, understood turns halve it).</summary>
    public double Score { get; set; }

    /// <summary>Questions repeated since the score last went to zero.</summary>
    public int Repeats { get; set; }

    /// <summary>Messages with negative phrases since the score last went to zero.</summary>
    public int Negative { get; set; }

    /// <summary>Messages written in capitals since the score last went to zero.</summary>
    public int Shouting { get; set; }

    /// <summary>The bot's misses in a row.</summary>
    public int MissesInRow { get; set; }

    /// <summary>True right after the bot offered an operator: the next "yes" accepts, "no" declines.</summary>
    public bool OfferOpen { get; set; }

    /// <summary>Why the bot offered an operator last (shown to operators when the customer accepts).</summary>
    public string? OfferReason { get; set; }

    /// <summary>The "did you mean …?" waiting for the customer's choice (null when none is open).</summary>
    public FaqOffer? FaqOffer { get; set; }
}
