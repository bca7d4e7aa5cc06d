using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Api.Contracts.Widget;
using Conversations.Grains.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Widget.Tests;

/// <summary>The mapping of visitor requests to inbound messages, without a host.</summary>
public sealed class WidgetUpdateMapperTests
{
    private static readonly ChannelAccount Widget =
        new(new ChannelAccountKey(ChannelKind.Widget, "shop"), Guid.NewGuid(), "Chat", InboundMode.Webhook, null, null, Enabled: true);

    [Fact]
    public void Visitors_arriving_at_the_same_moment_get_different_names_from_the_random_end_of_their_ids()
    {
        // Visitor ids are v7 GUIDs: ids made at the same moment share their first (timestamp) characters.
        var ids = new TimeOrderedIdGenerator(new FakeTimeProvider(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero)));
        var visitors = Enumerable.Range(0, 20).Select(_ => ids.NewId()).ToList();
        var mapper = new WidgetUpdateMapper(new FakeTimeProvider());

        var names = visitors.Select(v => mapper.Map(Widget, v, new WidgetMessageRequest("m1", "hi")).Sender.DisplayName).ToList();

        Assert.Single(visitors.Select(v => v.ToString("N")[..12]).Distinct());
        Assert.Equal(visitors.Count, names.Distinct().Count());
        Assert.All(visitors.Zip(names), pair => Assert.Equal($"Website visitor {pair.First.ToString("N")[^6..]}", pair.Second));
    }
}
