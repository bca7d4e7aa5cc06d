using Conversations.Abstractions.Bot;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

public sealed class ConditionStepTests
{
    private static readonly string Json = """
        { "start": "route", "steps": [
          { "id": "route", "kind": "condition", "branches": [
              { "when": [ { "variable": "customer.tier", "operator": "equals", "value": "VIP" },
                          { "variable": "customer.orders", "operator": "greaterThan", "value": 10 } ], "next": "vip" },
              { "when": [ { "variable": "customer.city", "operator": "contains", "value": "москва" } ], "next": "moscow" },
              { "when": [ { "variable": "customer.age", "operator": "lessThan", "value": 18 } ], "next": "young" },
              { "when": [ { "variable": "customer.tier", "operator": "notEquals", "value": "new" },
                          { "variable": "customer.tier", "operator": "exists" } ], "next": "known" },
              { "when": [ { "variable": "customer.tier", "operator": "notExists" } ], "next": "anonymous" } ],
            "else": "other" },
          { "id": "vip", "kind": "end", "text": "vip" },
          { "id": "moscow", "kind": "end", "text": "moscow" },
          { "id": "young", "kind": "end", "text": "young" },
          { "id": "known", "kind": "end", "text": "known" },
          { "id": "anonymous", "kind": "end", "text": "anonymous" },
          { "id": "other", "kind": "end", "text": "other" } ] }
        """;

    [Theory]
    [InlineData("tier=vip;orders=11", "vip")]
    [InlineData("tier=VIP;orders=10;city=Москва", "moscow")]
    [InlineData("tier=new;city=г. Москва, ул. Ленина", "moscow")]
    [InlineData("tier=new;age=16,5", "young")]
    [InlineData("tier=new;age=много", "other")]
    [InlineData("tier=gold", "known")]
    [InlineData("city=Казань", "anonymous")]
    [InlineData("tier=new", "other")]
    public async Task The_first_branch_whose_conditions_all_hold_is_taken(string attributes, string expected)
    {
        var values = attributes.Split(';').Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1]);
        var bot = new BotHarness(TestScenarios.Parse(Json), context: Contexts.Customer(TestChannels.Telegram, attributes: values));

        var result = await bot.StartAsync();

        Assert.Equal([expected], result.Texts());
    }
}
