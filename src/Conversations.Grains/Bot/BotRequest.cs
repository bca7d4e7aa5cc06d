using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Scenarios;

namespace Conversations.Grains.Bot;

/// <summary>What the bot knows when a customer message arrives.</summary>
/// <param name="TenantId">The tenant whose bot answers.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Customer">The customer's profile as the conversation last saw it.</param>
/// <param name="Message">The customer's message.</param>
/// <param name="Channel">What the customer's channel can show.</param>
/// <param name="SessionJson">The bot's own state for this conversation (null at the start).</param>
/// <param name="OutsideCallsAllowed">
/// False when the caller cannot wait for the business's system (the turn runs inside the customer message's commit):
/// a reply that needs an http step then throws <c>OutsideCallRequiredException</c>.
/// </param>
/// <param name="CustomerLanguage">The language the customer's channel reported, when there are texts in it (null: the tenant's).</param>
/// <param name="UnderstandingJson">What the bot remembers to notice frustration (its own JSON; null at the start).</param>
/// <param name="Event">A business event that starts the scenario's entry point for it (then <paramref name="Message"/> is its history record).</param>
/// <param name="Draft">A scenario to run instead of the live one (the draft's test chat).</param>
public sealed record BotRequest(
    Guid TenantId,
    Guid ConversationId,
    CustomerProfile Customer,
    ChatMessage Message,
    ChannelCapabilities Channel,
    string? SessionJson,
    bool OutsideCallsAllowed = true,
    string? CustomerLanguage = null,
    string? UnderstandingJson = null,
    Abstractions.Outbound.BusinessEvent? Event = null,
    Scenario? Draft = null);
