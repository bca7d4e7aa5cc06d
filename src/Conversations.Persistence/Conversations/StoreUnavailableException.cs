namespace Conversations.Persistence.Conversations;

/// <summary>The database could not be reached in time; nothing was acknowledged, the caller may retry.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
