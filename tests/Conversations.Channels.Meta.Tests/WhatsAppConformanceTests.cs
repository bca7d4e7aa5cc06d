using Conversations.Testing.Channels;

namespace Conversations.Channels.Meta.Tests;

/// <summary>WhatsApp passes the conformance suite every channel passes.</summary>
public sealed class WhatsAppConformanceTests(WhatsAppConformanceDriver whatsApp)
    : ChannelConformanceTests<WhatsAppConformanceDriver>(whatsApp), IClassFixture<WhatsAppConformanceDriver>;
