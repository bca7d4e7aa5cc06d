using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conversations.Channels.Vk.Tests;

/// <summary>The VK stand-in refuses keyboards beyond VK's limits with error 911, as messages.send does, and takes what the sender builds.</summary>
public sealed class VkKeyboardLimitTests(VkGatewayFixture vk) : IClassFixture<VkGatewayFixture>
{
    [Theory]
    [InlineData("[[\"open_link\",\"open_link\",\"callback\",\"callback\"]]", 911)] // two links take four of five places
    [InlineData("[[\"open_link\",\"open_link\",\"callback\"]]", 0)]
    [InlineData("[[\"location\",\"callback\"]]", 911)] // a location button takes its row
    [InlineData("[[\"callback\",\"callback\",\"callback\",\"callback\",\"callback\",\"callback\"]]", 911)] // six in a row
    [InlineData("[[\"callback\"],[\"callback\"],[\"callback\"],[\"callback\"],[\"callback\"],[\"callback\"],[\"callback\"]]", 911)] // seven inline rows
    public async Task Keyboards_beyond_the_documented_limits_are_refused_with_911(string layout, int expected)
    {
        var rows = new JsonArray([.. JsonNode.Parse(layout)!.AsArray().Select(row => (JsonNode)new JsonArray([.. row!.AsArray().Select((type, i) => (JsonNode)Button((string)type!, i))]))]);

        var answer = await SendAsync(new JsonObject { ["inline"] = true, ["buttons"] = rows }.ToJsonString());

        Assert.Equal(expected, answer.TryGetProperty("error", out var error) ? error.GetProperty("error_code").GetInt32() : 0);
    }

    [Fact]
    public async Task A_label_over_40_characters_is_refused_with_911()
    {
        var rows = new JsonArray(new JsonArray(new JsonObject { ["action"] = new JsonObject { ["type"] = "callback", ["label"] = new string('a', 41), ["payload"] = "{}" } }));

        var answer = await SendAsync(new JsonObject { ["inline"] = true, ["buttons"] = rows }.ToJsonString());

        Assert.Equal(911, answer.GetProperty("error").GetProperty("error_code").GetInt32());
    }

    private static JsonObject Button(string type, int i) => new()
    {
        ["action"] = type switch
        {
            "open_link" => new JsonObject { ["type"] = "open_link", ["link"] = $"https://shop.example.com/{i}", ["label"] = $"Link {i}" },
            "location" => new JsonObject { ["type"] = "location", ["payload"] = "{}" },
            _ => new JsonObject { ["type"] = type, ["label"] = $"Option {i}", ["payload"] = "{\"p\":\"x\"}" },
        },
    };

    private async Task<JsonElement> SendAsync(string keyboard)
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["access_token"] = VkGatewayFixture.Token, ["v"] = "5.199", ["peer_id"] = VkGatewayFixture.NewUserId().ToString(CultureInfo.InvariantCulture),
            ["random_id"] = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture), ["message"] = "Choose", ["keyboard"] = keyboard,
        });
        return await (await http.PostAsync($"{vk.Vk.BaseUrl}/method/messages.send", form)).Content.ReadFromJsonAsync<JsonElement>();
    }
}
