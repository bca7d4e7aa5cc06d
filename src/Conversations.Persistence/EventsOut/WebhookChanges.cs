using Conversations.Persistence.Conversations;

namespace Conversations.Persistence.EventsOut;

/// <summary>The conversations changed since the webhook event feed last ran.</summary>
public sealed class WebhookChanges : ChangedConversations;
