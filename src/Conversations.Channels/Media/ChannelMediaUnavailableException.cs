namespace Conversations.Channels.Media;

/// <summary>The channel says a file is gone, too large for it to serve, or refused for good: retrying will not help.</summary>
public sealed class ChannelMediaUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);
