using Conversations.Api.Contracts.Messages;

namespace Conversations.Api.Contracts.Conversations;

/// <summary>A part of the bot an operator can send as a reply (<c>botStep</c>), with a preview of what the customer gets.</summary>
/// <param name="Step">The scenario step's id.</param>
/// <param name="Preview">The messages it sends, rendered for this conversation's customer and channel.</param>
public sealed record BotPart(string Step, IReadOnlyList<MessageContent> Preview);
