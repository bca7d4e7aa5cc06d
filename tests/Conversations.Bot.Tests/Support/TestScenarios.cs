using Conversations.Abstractions.Bot;
using Conversations.Bot.Scenarios;

namespace Conversations.Bot.Tests.Support;

internal static class TestScenarios
{
    /// <summary>Parses a document that must be valid.</summary>
    public static Scenario Parse(string json, string version = "1")
    {
        var result = ScenarioParser.Parse(json, version);
        Assert.True(result.IsValid, result.ToString());
        return result.Scenario!;
    }
}
