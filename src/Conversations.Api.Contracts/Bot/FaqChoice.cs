namespace Conversations.Api.Contracts.Bot;

/// <summary>A customer's answer to the bot's "did you mean …?", waiting for an admin: approved, the question becomes a
/// phrasing of the chosen entry.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Question">The customer's question.</param>
/// <param name="EntryId">The FAQ entry the customer chose.</param>
/// <param name="ConversationId">Where it happened.</param>
/// <param name="ChosenAt">When.</param>
public sealed record FaqChoice(
    Guid Id,
    string Question,
    string EntryId,
    Guid ConversationId,
    DateTimeOffset ChosenAt);
