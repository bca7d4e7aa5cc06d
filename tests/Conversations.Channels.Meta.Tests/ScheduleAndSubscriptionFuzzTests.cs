using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Conversations.Testing.Channels;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// The scheduling and subscription endpoints fuzzed with CsCheck (fixed seed, bounded count): <c>POST /api/v1/messages</c>
/// with hostile <c>sendAt</c>, <c>withinWorkingHours</c> and <c>topic</c>; <c>GET</c>/<c>DELETE /api/v1/messages/scheduled/{id}</c>;
/// <c>GET</c>/<c>POST /api/v1/customers/{id}/subscriptions</c>. No answer is a 5xx and every refusal is a problem document.
/// </summary>
public sealed class ScheduleAndSubscriptionFuzzTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    private const int Count = 120;

    [Fact]
    public async Task Fuzzed_schedules_and_subscriptions_never_get_a_server_error_and_every_refusal_is_a_problem()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "hello")));
        await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, customer);
        using (var admin = await WhatsAppTemplateTests.SignInAsync(whatsApp))
        {
            await Topics.DeclareAsync(admin.Http);
        }

        using var crm = await BusinessMessageTests.CrmAsync(whatsApp);
        var customerId = (await (await BusinessMessageTests.SendAsync(crm, Guid.NewGuid().ToString(), new { identity = BusinessMessageTests.Identity(customer), text = "hi" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetGuid();
        var now = whatsApp.Clock.GetUtcNow();
        var sendAt = Gen.OneOf(Gen.Const((string)null!), Gen.String[0, 45], Gen.Const("2026-02-30T10:00"), Gen.Const("9999-12-31T23:59:59Z"),
            Gen.Const("0001-01-01T00:00:00+14:00"), Gen.Const(now.AddHours(3).ToString("O")), Gen.Const(now.AddHours(3).ToString("yyyy-MM-dd'T'HH:mm")),
            Gen.Const("2027-03-28T02:30"), Gen.Const("2026-12-08 10:00"), Gen.Const("2026-12-08T10:00:00+25:00"));
        var topic = Gen.OneOf(Gen.Const((string)null!), Gen.Const("offers"), Gen.Const("orders"), Gen.Const("*"), Gen.String[0, 40]);
        var flag = Gen.OneOf(Gen.Const((bool?)null), Gen.Const((bool?)true), Gen.Const((bool?)false));
        var who = Gen.OneOf(Gen.Const(customerId), Gen.Guid);
        var op = Gen.Int[0, 4];
        var scheduled = new List<Guid>();
        var calls = 0;
        await Gen.Select(op, sendAt, topic, flag, who, Gen.String[0, 70]).SampleAsync(async t =>
        {
            calls++;
            var (kind, at, topicKey, within, id, words) = t;
            HttpResponseMessage response;
            switch (kind)
            {
                case 0:
                case 1:
                    var body = new JsonObject { ["customerId"] = id, ["text"] = "Reminder " + words, ["sendAt"] = at, ["topic"] = topicKey };
                    if (within is { } w)
                    {
                        body["withinWorkingHours"] = w;
                    }

                    response = await BusinessMessageTests.SendAsync(crm, Guid.NewGuid().ToString(), body);
                    break;
                case 2:
                    var target = scheduled.Count > 0 && within == true ? scheduled[^1] : id;
                    response = within == false ? await crm.DeleteAsync($"/api/v1/messages/scheduled/{target}") : await crm.GetAsync($"/api/v1/messages/scheduled/{target}");
                    break;
                case 3:
                    response = await crm.GetAsync($"/api/v1/customers/{id}/subscriptions");
                    break;
                default:
                    response = await crm.PostAsJsonAsync($"/api/v1/customers/{id}/subscriptions", new { topic = topicKey, subscribed = within, source = words });
                    break;
            }

            var answer = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for case {kind} ({at}, {topicKey}, {within}): {answer}");
            if (status >= 400)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{status} without a problem document: {answer}");
                Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(answer).RootElement.GetProperty("detail").GetString()), answer);
                Assert.True(status != 422 || JsonDocument.Parse(answer).RootElement.TryGetProperty("rule", out _), $"a 422 without its rule: {answer}");
            }
            else if (status == 202)
            {
                scheduled.Add(JsonDocument.Parse(answer).RootElement.GetProperty("id").GetGuid());
            }
        }, seed: ChannelConformanceTests<WhatsAppConformanceDriver>.FuzzSeed, iter: Count, threads: 1);

        Assert.Equal(Count, calls);
        Assert.NotEmpty(scheduled);
    }
}
