using System.Text.Json;
using Conversations.Bot.Understanding;
using Xunit.Abstractions;

namespace Conversations.Bot.Tests.Understanding;

/// <summary>
/// The meter on a labelled set of short conversations (Russian and English, half frustrated, half calm), at the
/// default threshold: a frustrated conversation should get an offer of a human by its last message, a calm one never.
/// </summary>
public sealed class FrustrationEvaluationTests(ITestOutputHelper output)
{
    private sealed record LabelledTurn(string Text, bool Understood);

    private sealed record LabelledConversation(string Name, bool Frustrated, LabelledTurn[] Turns);

    [Fact]
    public void On_the_labelled_set_offers_reach_most_frustrated_customers_and_almost_no_calm_ones()
    {
        var set = JsonSerializer.Deserialize<LabelledConversation[]>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Understanding", "frustration-set.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        int truePositives = 0, falsePositives = 0, frustrated = set.Count(c => c.Frustrated);
        foreach (var conversation in set)
        {
            FrustrationState? state = null;
            var offered = false;
            foreach (var turn in conversation.Turns)
            {
                var reading = FrustrationMeter.Read(state, turn.Text, turn.Understood, Abstractions.Tenants.TenantSettings.DefaultFrustrationThreshold);
                state = reading.State;
                offered |= reading.OfferOperator;
            }

            if (offered != conversation.Frustrated)
            {
                output.WriteLine($"{(offered ? "false offer" : "missed")}: {conversation.Name}");
            }

            truePositives += offered && conversation.Frustrated ? 1 : 0;
            falsePositives += offered && !conversation.Frustrated ? 1 : 0;
        }

        var recall = (double)truePositives / frustrated;
        var precision = truePositives + falsePositives == 0 ? 1 : (double)truePositives / (truePositives + falsePositives);
        output.WriteLine($"{set.Length} conversations, {frustrated} frustrated: recall {recall:P0}, precision {precision:P0}, false offers {falsePositives}");
        Assert.True(recall >= 0.9, $"recall {recall:P0}");
        Assert.True(precision >= 0.9, $"precision {precision:P0}");
    }
}
