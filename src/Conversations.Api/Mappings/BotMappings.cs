using Conversations.Abstractions.Bot;

namespace Conversations.Api.Mappings;

/// <summary>The bot's scenario versions and FAQ as the admin API shows them.</summary>
public static class BotMappings
{
    /// <summary>The API form of a scenario version.</summary>
    public static Contracts.Bot.ScenarioVersion ToContract(this ScenarioVersion version) => new(version.Version, version.PublishedAt, version.Json);

    /// <summary>The API form of the FAQ.</summary>
    public static Contracts.Bot.KnowledgeBase ToContract(this KnowledgeBase faq) => new(faq.Version, [.. faq.Entries.Select(ToContract)]);

    /// <summary>The API form of an FAQ entry.</summary>
    public static Contracts.Bot.KnowledgeEntry ToContract(this KnowledgeEntry entry) => new(entry.Id, entry.Questions, entry.Answer);

    /// <summary>The grains' form of an FAQ entry sent to the API.</summary>
    public static KnowledgeEntry ToDomain(this Contracts.Bot.KnowledgeEntry entry) => new(entry.Id, entry.Questions, entry.Answer);

    /// <summary>The API form of a suggested FAQ entry.</summary>
    public static Contracts.Bot.KnowledgeSuggestion ToContract(this KnowledgeSuggestion suggestion) => new(
        suggestion.Id, suggestion.Question, suggestion.Answer, suggestion.ConversationId, suggestion.ProposedAt);
}
