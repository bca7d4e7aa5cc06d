using Conversations.Testing.Channels;

namespace Conversations.Channels.Widget.Tests;

/// <summary>The widget passes the conformance suite every channel passes.</summary>
public sealed class WidgetConformanceTests(WidgetConformanceDriver widget)
    : ChannelConformanceTests<WidgetConformanceDriver>(widget), IClassFixture<WidgetConformanceDriver>;
