using Conversations.Bot.Scenarios;

namespace Conversations.Bot.Samples;

/// <summary>Scenarios shipped inside this assembly for the embedded demo.</summary>
public static class SampleScenarios
{
    /// <summary>The version the shop scenario is validated with.</summary>
    public const string ShopVersion = "sample-shop-1";

    /// <summary>
    /// The demo shop bot (<c>Samples/shop-scenario.json</c>). Its order-status step calls
    /// <c>{config.crmBaseUrl}/demo/crm/orders?phone=...</c> and expects
    /// <c>{"order":{"number":"…","status":"…","courier":"…"}}</c> (no <c>order</c> means "not found").
    /// </summary>
    public static string ShopJson()
    {
        using var stream = typeof(SampleScenarios).Assembly.GetManifestResourceStream("Conversations.Bot.Samples.shop-scenario.json")
            ?? throw new InvalidOperationException("Embedded resource shop-scenario.json is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The demo shop bot, validated.</summary>
    /// <exception cref="InvalidOperationException">The shipped document is invalid (a build that should not pass its tests).</exception>
    public static Scenario Shop()
    {
        var result = ScenarioParser.Parse(ShopJson(), ShopVersion);
        return result.Scenario ?? throw new InvalidOperationException($"The sample shop scenario is invalid:{Environment.NewLine}{result}");
    }
}
