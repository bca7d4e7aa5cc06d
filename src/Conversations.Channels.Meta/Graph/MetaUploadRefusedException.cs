namespace Conversations.Channels.Meta.Graph;

/// <summary>A stored file that the channel does not take (type or size past its documented limits) or that is gone: a permanent failure with this reason.</summary>
public sealed class MetaUploadRefusedException(string reason) : Exception(reason);
