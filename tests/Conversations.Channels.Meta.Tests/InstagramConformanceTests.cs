using Conversations.Testing.Channels;

namespace Conversations.Channels.Meta.Tests;

/// <summary>Instagram passes the conformance suite every channel passes.</summary>
public sealed class InstagramConformanceTests(InstagramConformanceDriver instagram)
    : ChannelConformanceTests<InstagramConformanceDriver>(instagram), IClassFixture<InstagramConformanceDriver>;
