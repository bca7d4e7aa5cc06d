using System.Diagnostics.Metrics;

namespace Conversations.Grains.Bot.Ai;

/// <summary>
/// Latency, outcomes and tokens of the AI calls, by kind (<c>embedding</c>, <c>answer</c>, <c>summary</c>,
/// <c>suggestion</c>) and outcome (<c>ok</c>, <c>unknown</c>, <c>timeout</c>, <c>error</c>): the cost and the speed an SRE
/// watches. No prompt or answer is ever a tag.
/// </summary>
public static class AiMetrics
{
    /// <summary>The meter's name (registered with OpenTelemetry by the host).</summary>
    public const string MeterName = "Conversations.Ai";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("conversations.ai.duration", "s", "Time of one AI call, by kind and outcome");
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("conversations.ai.tokens", description: "Tokens the AI service counted, by kind and direction (input, output)");

    /// <summary>Records one call.</summary>
    public static void Called(string kind, string outcome, TimeSpan elapsed, long? inputTokens, long? outputTokens)
    {
        Duration.Record(elapsed.TotalSeconds, new("kind", kind), new("outcome", outcome));
        if (inputTokens is { } input)
        {
            Tokens.Add(input, new("kind", kind), new("direction", "input"));
        }

        if (outputTokens is { } output)
        {
            Tokens.Add(output, new("kind", kind), new("direction", "output"));
        }
    }
}
