using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Conversations.Testing.Channels;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// The campaign endpoints fuzzed with CsCheck (fixed seed, bounded count): <c>POST /api/v1/campaigns</c> with hostile
/// names, topics, audiences (tags, channels, attributes, times, consent), contents, channels and start times; and
/// <c>GET</c>, <c>recipients</c>, <c>pause</c>, <c>resume</c>, <c>cancel</c> of known and unknown ids with hostile
/// query strings. No answer is a 5xx and every refusal is a problem document with a detail.
/// </summary>
public sealed class CampaignFuzzTests(CampaignOnPostgresFixture whatsApp) : IClassFixture<CampaignOnPostgresFixture>
{
    private const int Count = 150;

    [Fact]
    public async Task Fuzzed_campaign_calls_never_get_a_server_error_and_every_refusal_is_a_problem()
    {
        var crm = whatsApp.Crm;
        var now = whatsApp.Clock.GetUtcNow();
        var text = Gen.OneOf(Gen.Const((string)null!), Gen.String[0, 30], Gen.Const(""), Gen.Const("   "), Gen.Const(new string('x', 5000)));
        var channel = Gen.OneOf(Gen.Const("WhatsApp"), Gen.Const("Telegram"), Gen.Const("Email"), Gen.Const("Widget"), Gen.Const("Fax"), Gen.String[0, 10]);
        var time = Gen.OneOf(Gen.Const((string)null!), Gen.String[0, 45], Gen.Const(now.AddHours(1).ToString("O")), Gen.Const("2027-03-28T02:30"),
            Gen.Const("9999-12-31T23:59:59Z"), Gen.Const("0001-01-01T00:00:00+14:00"), Gen.Const(now.AddYears(-3).ToString("O")));
        var topic = Gen.OneOf(Gen.Const((string)null!), Gen.Const("offers"), Gen.Const("orders"), Gen.Const("*"), Gen.String[0, 40]);
        var flag = Gen.OneOf(Gen.Const((bool?)null), Gen.Const((bool?)true), Gen.Const((bool?)false));
        var op = Gen.Int[0, 7];
        var created = new List<Guid>();
        var calls = 0;
        await Gen.Select(op, text, channel.Array[0, 12], time, topic, flag, Gen.String[0, 40], Gen.Int[-5, 1000]).SampleAsync(async t =>
        {
            calls++;
            var (kind, words, channels, at, topicKey, yes, noise, number) = t;
            HttpResponseMessage response;
            var target = created.Count > 0 && yes == true ? created[^1].ToString() : (yes == false ? Guid.Empty.ToString() : Guid.NewGuid().ToString());
            switch (kind)
            {
                case 0: // a campaign that should be created (hostile only in its name and text), so the other calls meet real ids
                case 1:
                case 2:
                    var contents = new JsonArray();
                    foreach (var c in channels.Take(number % 4 + 1))
                    {
                        contents.Add(new JsonObject
                        {
                            ["channel"] = number % 3 == 0 ? null : c, ["text"] = words,
                            ["template"] = number % 5 == 0 ? new JsonObject { ["name"] = noise, ["language"] = "en" } : null,
                            ["buttons"] = number % 7 == 0 ? new JsonArray(new JsonObject { ["label"] = noise }) : null,
                        });
                    }

                    var body = new JsonObject
                    {
                        ["name"] = kind == 2 ? noise : "Fuzz " + words, ["topic"] = kind == 0 ? null : topicKey, ["startAt"] = kind == 0 ? null : at,
                        ["channels"] = kind == 0 ? new JsonArray("WhatsApp") : new JsonArray([.. channels.Select(c => (JsonNode?)c)]),
                        ["contents"] = kind == 0 ? new JsonArray(new JsonObject { ["text"] = "Offer " + noise }) : contents,
                        ["messageTag"] = number % 11 == 0 ? noise : null,
                        ["audience"] = number % 2 == 0 || kind == 0 ? null : new JsonObject
                        {
                            ["tags"] = new JsonArray(noise, words), ["channels"] = new JsonArray([.. channels.Take(3).Select(c => (JsonNode?)c)]),
                            ["attributes"] = new JsonObject { [noise.Length == 0 ? "k" : noise] = words },
                            ["activeSince"] = at, ["inactiveSince"] = number % 3 == 0 ? noise : null, ["consent"] = noise, ["subscribedOnly"] = yes,
                        },
                    };
                    response = await crm.PostAsync("/api/v1/campaigns", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                    break;
                case 3:
                    response = await crm.GetAsync($"/api/v1/campaigns/{Uri.EscapeDataString(target)}");
                    break;
                case 4:
                    response = await crm.GetAsync($"/api/v1/campaigns/{Uri.EscapeDataString(target)}/recipients?status={Uri.EscapeDataString(noise)}&limit={number}&after={Uri.EscapeDataString(words ?? "")}");
                    break;
                case 5:
                    response = await crm.GetAsync($"/api/v1/campaigns?limit={number}");
                    break;
                default:
                    var action = (number % 3) switch { 0 => "pause", 1 => "resume", _ => "cancel" };
                    response = await crm.PostAsync($"/api/v1/campaigns/{Uri.EscapeDataString(target)}/{action}", null);
                    break;
            }

            var answer = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for case {kind}: {answer}");
            if (status >= 400)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{status} without a problem document: {answer}");
                Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(answer).RootElement.GetProperty("detail").GetString()), answer);
            }
            else if (status == 201)
            {
                created.Add(JsonDocument.Parse(answer).RootElement.GetProperty("id").GetGuid());
            }

            if (calls % 25 == 0)
            {
                await whatsApp.Dispatcher.RunOnceAsync(); // plan and send what the fuzz created, as the silos would
            }
        }, seed: ChannelConformanceTests<WhatsAppConformanceDriver>.FuzzSeed, iter: Count, threads: 1);

        Assert.Equal(Count, calls);
        Assert.NotEmpty(created);
    }
}
