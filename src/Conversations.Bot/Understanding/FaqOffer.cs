namespace Conversations.Bot.Understanding;

/// <summary>
/// A "did you mean …?" the bot asked and the customer has not answered yet: the question and the entries offered, in
/// the order shown. Kept in <see cref="FrustrationState.FaqOffer"/> (JSON between turns); property names are a storage
/// format: add, never rename.
/// </summary>
public sealed class FaqOffer
{
    /// <summary>The customer's question the entries were offered for (becomes a phrasing when an admin approves the choice).</summary>
    public string Question { get; set; } = "";

    /// <summary>The ids of the entries offered, in the order shown (choice 1 first).</summary>
    public List<string> EntryIds { get; set; } = [];
}
