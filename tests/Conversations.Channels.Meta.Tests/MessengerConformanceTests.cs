using Conversations.Testing.Channels;

namespace Conversations.Channels.Meta.Tests;

/// <summary>Messenger passes the conformance suite every channel passes.</summary>
public sealed class MessengerConformanceTests(MessengerConformanceDriver messenger)
    : ChannelConformanceTests<MessengerConformanceDriver>(messenger), IClassFixture<MessengerConformanceDriver>;
