using Conversations.Testing.Channels;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>Telegram passes the conformance suite every channel passes.</summary>
public sealed class TelegramConformanceTests(TelegramConformanceDriver telegram)
    : ChannelConformanceTests<TelegramConformanceDriver>(telegram), IClassFixture<TelegramConformanceDriver>;
