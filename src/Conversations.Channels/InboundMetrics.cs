using System.Diagnostics.Metrics;
using Conversations.Abstractions.Conversations;

namespace Conversations.Channels;

/// <summary>
/// <c>conversations.messages.in</c> (meter <c>Conversations.Channels</c>): customer messages taken in, by channel and
/// outcome (stored, duplicate...). One instrument for every channel, so the series differ only by label.
/// </summary>
public static class InboundMetrics
{
    private static readonly Meter Meter = new("Conversations.Channels");
    private static readonly Counter<long> Messages = Meter.CreateCounter<long>("conversations.messages.in", description: "Customer messages taken in, by channel and outcome");

    /// <summary>Counts one inbound message of <paramref name="channel"/> (lower case, e.g. <c>telegram</c>).</summary>
    public static void Record(string channel, InboundOutcome outcome) =>
        Messages.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome.ToString()));
}
