using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Meta.Tests;

/// <summary>Drives Instagram (<c>object: instagram</c>) through the conformance suite.</summary>
public sealed class InstagramConformanceDriver() : MessengerPlatformDriver(ChannelKind.Instagram);
