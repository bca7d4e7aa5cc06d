using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Conversations.Api.Tests.EventsOut;

/// <summary>
/// The webhook admin API fuzzed with CsCheck (fixed seed, bounded count): hostile URLs, event lists, ids, page sizes,
/// redeliveries and tests. No answer is a 5xx, every refusal is a problem document with a detail, and every subscription created
/// is listed with its secret masked.
/// </summary>
public sealed class WebhookSubscriptionFuzzTests(WebhookApiFixture fixture) : IClassFixture<WebhookApiFixture>
{
    private const int Count = 150;
    private const string Seed = "C0nversat1on";

    [Fact]
    public async Task Fuzzed_webhook_requests_never_get_a_server_error_and_every_refusal_is_a_problem_naming_why()
    {
        using var admin = await fixture.DemoAsync();
        var url = Gen.OneOf(Gen.Const("https://crm.example/hook"), Gen.Const("http://127.0.0.1:9/hook"), Gen.Const("https://10.1.2.3/x"),
            Gen.Const("javascript:alert(1)"), Gen.Const(""), Gen.Const("https://" + new string('a', 2050)), Gen.String[0, 40], Gen.Const((string)null!));
        var eventName = Gen.OneOf(Gen.Const("message.created"), Gen.Const("survey.answered"), Gen.Const("campaign.sent"), Gen.String[0, 70], Gen.Const((string)null!));
        var events = eventName.Array[0, 25];
        var operation = Gen.Int[0, 5];
        var limit = Gen.OneOf(Gen.Const(""), Gen.Int[-5, 300].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.Const("abc"));
        var known = new List<Guid>();
        var sent = 0;
        await Gen.Select(operation, url, events, limit, Gen.Bool).SampleAsync(async t =>
        {
            sent++;
            var (kind, address, names, page, useKnown) = t;
            var id = useKnown && known.Count > 0 ? known[^1] : Guid.NewGuid();
            HttpResponseMessage response = kind switch
            {
                0 => await admin.Http.PostAsJsonAsync("/api/v1/admin/webhooks", new JsonObject
                {
                    ["url"] = address, ["events"] = new JsonArray([.. names.Select(n => (JsonNode?)n)]),
                }),
                1 => await admin.Http.GetAsync($"/api/v1/admin/webhooks/{id}/deliveries?limit={Uri.EscapeDataString(page)}"),
                2 => await admin.PostAsync($"/api/v1/admin/webhooks/{id}/deliveries/{Guid.NewGuid()}/redeliver"),
                3 => await admin.Http.DeleteAsync($"/api/v1/admin/webhooks/{id}"),
                4 => await admin.PostAsync($"/api/v1/admin/webhooks/{id}/test"),
                _ => await admin.Http.GetAsync("/api/v1/admin/webhooks"),
            };
            var answer = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for operation {kind} ({address}, [{string.Join(",", names)}], {page}): {answer}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(answer).RootElement.GetProperty("detail").GetString()), answer);
            }
            else if (kind == 0)
            {
                var created = JsonDocument.Parse(answer).RootElement;
                known.Add(created.GetProperty("id").GetGuid());
                Assert.StartsWith("whsec_", created.GetProperty("secret").GetString(), StringComparison.Ordinal);
            }
        }, seed: Seed, iter: Count, threads: 1);

        var listed = await admin.GetAsync("/api/v1/admin/webhooks");
        Assert.Equal(Count, sent);
        Assert.All(listed.EnumerateArray(), s => Assert.False(s.TryGetProperty("secret", out _)));
    }
}
