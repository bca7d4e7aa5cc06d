using Conversations.Testing.Channels;

namespace Conversations.Channels.Viber.Tests;

/// <summary>Viber passes the conformance suite every channel passes.</summary>
public sealed class ViberConformanceTests(ViberConformanceDriver viber)
    : ChannelConformanceTests<ViberConformanceDriver>(viber), IClassFixture<ViberConformanceDriver>;
