using Conversations.Testing.Channels;

namespace Conversations.Channels.Email.Tests;

/// <summary>E-mail (through its raw-MIME inbound hook) passes the conformance suite every channel passes.</summary>
public sealed class EmailConformanceTests(EmailConformanceDriver email)
    : ChannelConformanceTests<EmailConformanceDriver>(email), IClassFixture<EmailConformanceDriver>;
