using Conversations.Abstractions.Bot;
using Conversations.Bot.Scenarios;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

/// <summary><c>{customer.attributes.x}</c>: what a CRM pushed about the customer, in texts and conditions, validated with the scenario.</summary>
public sealed class CustomerAttributesTests
{
    private static readonly string Json = """
        { "start": "route", "steps": [
          { "id": "route", "kind": "condition", "branches": [
              { "when": [ { "variable": "customer.attributes.ltv", "operator": "greaterThan", "value": 1000 },
                          { "variable": "customer.attributes.vip", "operator": "equals", "value": "true" } ], "next": "vip" } ],
            "else": "plain" },
          { "id": "vip", "kind": "end", "text": "VIP {customer.attributes.plan}, {customer.attributes.name|без имени} / {customer.name}" },
          { "id": "plain", "kind": "end", "text": "plan {customer.attributes.plan|none}" } ] }
        """;

    [Theory]
    [InlineData("plan=gold;ltv=1234.50;vip=true", "VIP gold, без имени / Анна")]
    [InlineData("plan=gold;ltv=1234.50;vip=true;name=Crm Name", "VIP gold, Crm Name / Анна")]
    [InlineData("plan=gold;ltv=999;vip=true", "plan gold")]
    [InlineData("plan=gold;ltv=5000;vip=false", "plan gold")]
    [InlineData("ltv=5000", "plan none")]
    public async Task Texts_and_conditions_read_the_customers_attributes(string attributes, string expected)
    {
        var values = attributes.Split(';').Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1]);
        var bot = new BotHarness(TestScenarios.Parse(Json), context: Contexts.Customer(TestChannels.Telegram, attributes: values));

        var result = await bot.StartAsync();

        Assert.Equal([expected], result.Texts());
    }

    [Fact]
    public void Paths_that_name_no_attribute_and_writes_under_attributes_are_problems()
    {
        var result = ScenarioParser.Parse("""
            { "start": "a", "steps": [
              { "id": "a", "kind": "message", "text": "{customer.attributes} {customer.attributes.a.b} {customer.plan.x}", "next": "b" },
              { "id": "b", "kind": "input", "validate": "text", "text": "?", "variable": "customer.attributes.plan", "next": "c" },
              { "id": "c", "kind": "condition", "branches": [ { "when": [ { "variable": "customer.attributes", "operator": "exists" } ], "next": "d" } ], "else": "d" },
              { "id": "d", "kind": "end", "text": "{customer.attributes.plan} {customer.plan}" } ] }
            """, "1");

        var problems = result.Problems.Select(p => p.ToString()).ToList();
        Assert.False(result.IsValid);
        Assert.Contains("steps[0].text: 'customer.attributes' names no attribute: use customer.attributes.<name>", problems);
        Assert.Contains(problems, p => p.StartsWith("steps[0].text: 'customer.attributes.a.b' cannot be read", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("steps[0].text: 'customer.plan.x' cannot be read", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("steps[1].variable: 'customer.attributes.plan' cannot be written", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("steps[2].branches[0].when[0].variable: 'customer.attributes' names no attribute", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.StartsWith("steps[3]", StringComparison.Ordinal));
    }
}
