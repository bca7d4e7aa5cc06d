using System.Net;
using System.Text;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using CsCheck;
using Xunit;

namespace Conversations.Testing.Channels;

/// <summary>
/// What every channel must do, proved the same way for each: a concrete class per channel derives from this with its
/// <see cref="IChannelConformanceDriver"/> (as an <c>IClassFixture</c>) and inherits every test.
/// </summary>
/// <typeparam name="TDriver">The channel's driver.</typeparam>
public abstract class ChannelConformanceTests<TDriver>(TDriver driver) where TDriver : IChannelConformanceDriver
{
    /// <summary>The fixed seed of the webhook fuzz run, so a failure reproduces.</summary>
    public const string FuzzSeed = "C0nversat1on";

    /// <summary>How many fuzzed bodies one run posts.</summary>
    public const int FuzzCount = 150;

    /// <summary>The driver, for channel-specific tests in the derived class.</summary>
    protected TDriver Driver => driver;

    [Fact]
    public void The_channel_is_described_in_the_catalogue()
    {
        var channel = ChannelCatalog.Find(driver.Kind);

        Assert.NotNull(channel);
        Assert.True(channel.MaxTextLength > 0);
        Assert.NotNull(channel.Rates);
        Assert.NotNull(channel.Media);
    }

    [Theory]
    [InlineData(WebhookCredential.Missing)]
    [InlineData(WebhookCredential.Wrong)]
    public async Task An_inbound_call_without_the_right_secret_is_refused_and_nothing_is_stored(WebhookCredential credential)
    {
        var sample = await driver.NewTextMessageAsync("forged");

        var response = await driver.DeliverAsync(sample, credential);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Empty(await driver.StoredFromAsync(sample));
    }

    [Fact]
    public async Task A_redelivered_inbound_message_is_stored_once()
    {
        var sample = await driver.NewTextMessageAsync("only once");

        for (var i = 0; i < 3; i++)
        {
            var response = await driver.DeliverAsync(sample, WebhookCredential.Valid);
            Assert.True(response.IsSuccessStatusCode, $"delivery {i + 1} answered {(int)response.StatusCode}");
        }

        Assert.Single(await CustomerMessagesAsync(sample));
    }

    [Fact]
    public async Task Every_supported_inbound_kind_is_stored_as_its_contract_content()
    {
        var cases = await driver.InboundKindsAsync();
        Assert.NotEmpty(cases);
        var wrong = new List<string>();

        foreach (var kind in cases)
        {
            var response = await driver.DeliverAsync(kind.Sample, WebhookCredential.Valid);
            var stored = await CustomerMessagesAsync(kind.Sample);
            if (!response.IsSuccessStatusCode || stored.Count != 1 || stored[0].Content.GetType() != kind.StoredAs)
            {
                wrong.Add($"{kind}: answered {(int)response.StatusCode}, stored [{string.Join(", ", stored.Select(m => m.Content.GetType().Name))}]");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_documented_send_error_is_classified_as_its_outcome()
    {
        var errors = driver.SendErrors();
        if (driver.Classifier is not { } classifier)
        {
            Assert.Empty(errors); // no platform send API, so no send errors to classify
            return;
        }

        Assert.Equal(driver.Kind, classifier.Kind);
        Assert.NotEmpty(errors);
        var wrong = errors
            .Select(e => (Case: e, Result: classifier.Classify(e.Error)))
            .Where(r => r.Result?.Outcome != r.Case.Expected)
            .Select(r => $"{r.Case}: expected {r.Case.Expected}, got {r.Result?.Outcome.ToString() ?? "unclassified"}")
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Fuzzed_inbound_bodies_never_get_a_server_error()
    {
        var valid = Encoding.UTF8.GetBytes((await driver.NewTextMessageAsync("fuzz")).Body);
        // Random bytes, random text, and valid bodies with bytes flipped, cut short or grown: what a broken proxy,
        // a hostile client or a platform's new field could send.
        var bodies = Gen.OneOf(
            Gen.Byte.Array[0, 512],
            Gen.String.Select(Encoding.UTF8.GetBytes),
            Gen.Select(Gen.Int[0, valid.Length - 1].Array[1, 8], Gen.Byte.Array[8, 8], (positions, values) => Mutate(valid, positions, values)),
            Gen.Int[0, valid.Length].Select(length => valid[..length]),
            Gen.Char["abcdefghijklmnopqrstuvwxyz_0123456789"].Array[1, 40].Select(name => Grow(valid, new string(name))));

        var sent = 0;
        await bodies.SampleAsync(async body =>
        {
            sent++;
            var response = await driver.DeliverRawAsync(body);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for body {Convert.ToBase64String(body)}");
        }, seed: FuzzSeed, iter: FuzzCount, threads: 1);

        Assert.Equal(FuzzCount, sent);
    }

    private async Task<IReadOnlyList<ChatMessage>> CustomerMessagesAsync(InboundSample sample) =>
        [.. (await driver.StoredFromAsync(sample)).Where(m => m.Direction == MessageDirection.Customer)];

    /// <summary>The valid body with an unknown field added next to the text, holding odd JSON values.</summary>
    private static byte[] Grow(byte[] valid, string name) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace(
        "\"fuzz\"", $"\"fuzz\", \"{name}\": {{\"{name}\": [null, 1e308, -0, true, \"\\u0000\", {{}}]}}", StringComparison.Ordinal));

    private static byte[] Mutate(byte[] valid, int[] positions, byte[] values)
    {
        var copy = (byte[])valid.Clone();
        for (var i = 0; i < positions.Length; i++)
        {
            copy[positions[i]] = values[i % values.Length];
        }

        return copy;
    }
}
