using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Conversations.Testing.Channels;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// <c>POST /api/v1/messages</c> and <c>GET /api/v1/messages/{id}</c> fuzzed with CsCheck (fixed seed, bounded count):
/// hostile idempotency keys, customers named zero, one or two ways (real and unknown), texts, buttons, templates,
/// channel orders and tags. No answer is a 5xx, every refusal is a problem document (a 422 names its rule), and every
/// acceptance can be read back.
/// </summary>
public sealed class BusinessMessageFuzzTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    private const int Count = 150;

    [Fact]
    public async Task Fuzzed_business_messages_never_get_a_server_error_and_every_refusal_is_a_problem_naming_why()
    {
        whatsApp.Graph.AddTemplate(WhatsAppGatewayFixture.WabaId, WhatsAppGatewayFixture.Token, "fuzz_update", "en_US", "Update {{1}}");
        var customer = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "hello")));
        await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, customer);
        using (var admin = await WhatsAppTemplateTests.SignInAsync(whatsApp))
        {
            (await admin.PostAsync("/api/v1/admin/whatsapp-templates/sync")).EnsureSuccessStatusCode();
        }

        using var crm = await BusinessMessageTests.CrmAsync(whatsApp);
        var text = Gen.OneOf(Gen.Const("Your order has shipped."), Gen.String[0, 80], Gen.Const(new string('x', 4097)), Gen.Const(" "), Gen.Const((string)null!));
        var key = Gen.OneOf(Gen.Const(""), Gen.Const(new string('k', 256)), Gen.Char["abcXYZ019-_:/ ~!{}\t"].Array[1, 60].Select(c => new string(c)),
            Gen.Guid.Select(g => g.ToString()), Gen.Const("same-key"));
        var who = Gen.Int[0, 5];
        var content = Gen.Int[0, 4];
        var channels = Gen.OneOf(Gen.Const("WhatsApp"), Gen.Const("Telegram"), Gen.Const("Widget"), Gen.Const("Messenger"), Gen.Const("Fax"), Gen.Const("7")).Array[0, 12];
        var tag = Gen.OneOf(Gen.Const("POST_PURCHASE_UPDATE"), Gen.Const("HUMAN_AGENT"), Gen.String[0, 70], Gen.Const((string)null!));
        var sent = 0;
        await Gen.Select(key, who, content, text, channels, tag).SampleAsync(async t =>
        {
            sent++;
            var (idempotencyKey, whoKind, contentKind, words, order, messageTag) = t;
            var body = new JsonObject();
            switch (whoKind)
            {
                case 0:
                    body["identity"] = new JsonObject { ["channel"] = "WhatsApp", ["account"] = WhatsAppGatewayFixture.PhoneNumberId, ["userId"] = customer };
                    break;
                case 1:
                    body["customerId"] = Guid.NewGuid();
                    break;
                case 2:
                    body["externalId"] = words;
                    break;
                case 3:
                    body["identity"] = new JsonObject { ["channel"] = "Vk", ["account"] = words, ["userId"] = null };
                    break;
                case 4:
                    body["customerId"] = Guid.NewGuid();
                    body["externalId"] = "crm-1";
                    break;
                default:
                    break;
            }

            switch (contentKind)
            {
                case 0:
                    body["text"] = words;
                    break;
                case 1:
                    body["text"] = words;
                    body["buttons"] = new JsonArray(new JsonObject { ["label"] = words, ["payload"] = "p" }, new JsonObject { ["label"] = "x", ["url"] = words });
                    break;
                case 2:
                    body["template"] = new JsonObject { ["name"] = "fuzz_update", ["language"] = "en_US", ["parameters"] = new JsonArray(words) };
                    break;
                case 3:
                    body["template"] = new JsonObject { ["name"] = words, ["language"] = words };
                    body["text"] = words;
                    break;
                default:
                    break;
            }

            body["channels"] = new JsonArray([.. order.Select(c => (JsonNode)c)]);
            body["messageTag"] = messageTag;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/messages") { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            var response = await crm.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for {body.ToJsonString()}: {answer}");
            if (status >= 400)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{status} without a problem document: {answer}");
                var problem = JsonDocument.Parse(answer).RootElement;
                Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), answer);
                Assert.True(status != 422 || problem.TryGetProperty("rule", out _), $"a 422 without its rule: {answer}");
            }
            else
            {
                var messageId = JsonDocument.Parse(answer).RootElement.GetProperty("messageId").GetGuid();
                Assert.Equal(System.Net.HttpStatusCode.OK, (await crm.GetAsync($"/api/v1/messages/{messageId}")).StatusCode);
            }
        }, seed: ChannelConformanceTests<WhatsAppConformanceDriver>.FuzzSeed, iter: Count, threads: 1);

        var unknown = await crm.GetAsync($"/api/v1/messages/{Guid.NewGuid()}");
        Assert.Equal(Count, sent);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
