using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Meta.Tests;

/// <summary>Drives Messenger (<c>object: page</c>) through the conformance suite.</summary>
public sealed class MessengerConformanceDriver() : MessengerPlatformDriver(ChannelKind.Messenger);
