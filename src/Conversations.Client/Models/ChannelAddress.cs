namespace Conversations.Client.Models;

/// <summary>Where messages to a customer go: the business's account on a channel and the chat there.</summary>
public sealed record ChannelAddress(ChannelKind Kind, string Account, string ChatId);
