using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// Operators edit a customer's profile over the API (PATCH /api/v1/customers/{id}): each change is audited and
/// searchable, a visitor's generated name is marked until a real one is given, bad input names the field, and another
/// tenant's customer is not found.
/// </summary>
public sealed class CustomerProfileEditTests(CustomerProfileEditTests.EditFixture fixture) : IClassFixture<CustomerProfileEditTests.EditFixture>
{
    /// <summary>
    /// The host with the per-user write limit raised: the fuzz test's edits use up the demo admin's write budget, and the
    /// class's next test, run right after it, was refused with 429 in a CI run.
    /// </summary>
    public sealed class EditFixture : ApiFixture
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["Auth:WritesPerSecond"] = "10000";
                return settings;
            }
        }
    }

    [Fact]
    public async Task An_edit_changes_the_profile_is_audited_with_who_and_what_and_the_search_finds_the_customer_by_name_contact_and_tag()
    {
        using var demo = await fixture.DemoAsync();
        var customer = await VisitorAsync(demo, "Хочу уточнить доставку");
        var before = (await demo.GetAsync($"/api/v1/customers/{customer}")).GetProperty("profile");
        Assert.True(before.GetProperty("nameGenerated").GetBoolean()); // a website visitor has only a made-up name

        var edit = await demo.Http.PatchAsJsonAsync($"/api/v1/customers/{customer}", new
        {
            name = "Вера Правкина",
            phones = new[] { "+7 (912) 345-67-01" },
            emails = new[] { "Vera.Pravkina@example.com" },
            notes = "Предпочитает звонки после 18:00",
            tags = new[] { "VIP", "Опт" },
        });

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var profile = await edit.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Вера Правкина", profile.GetProperty("displayName").GetString());
        Assert.False(profile.GetProperty("nameGenerated").GetBoolean());
        Assert.Equal(["+79123456701"], profile.GetProperty("phones").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["Vera.Pravkina@example.com"], profile.GetProperty("emails").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["vip", "опт"], profile.GetProperty("tags").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("Предпочитает звонки после 18:00", (await demo.GetAsync($"/api/v1/customers/{customer}")).GetProperty("profile").GetProperty("notes").GetString());

        var audit = Assert.Single((await demo.GetAsync($"/api/v1/customers/{customer}/audit")).EnumerateArray());
        Assert.Equal("edited", audit.GetProperty("action").GetString());
        Assert.Equal(demo.OperatorId, audit.GetProperty("actorId").GetGuid());
        var changes = audit.GetProperty("details").GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(["name", "phones", "emails", "notes", "tags"], changes.Select(c => c.GetProperty("field").GetString()));
        Assert.Equal(before.GetProperty("displayName").GetString(), changes[0].GetProperty("from").GetString());

        foreach (var needle in new[] { "vip", "Правкина", "345-67-01", "vera.pravkina" })
        {
            var found = await demo.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString(needle)}");
            Assert.Contains(found.EnumerateArray(), c => c.GetProperty("customerId").GetGuid() == customer);
        }

        // The same edit again changes nothing and adds nothing to the audit trail.
        var again = await demo.Http.PatchAsJsonAsync($"/api/v1/customers/{customer}", new { tags = new[] { "vip", "опт" }, notes = "Предпочитает звонки после 18:00" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single((await demo.GetAsync($"/api/v1/customers/{customer}/audit")).EnumerateArray());

        // Clearing tags and notes is a change of its own.
        await demo.Http.PatchAsJsonAsync($"/api/v1/customers/{customer}", new { tags = Array.Empty<string>(), notes = "" });
        var cleared = (await demo.GetAsync($"/api/v1/customers/{customer}")).GetProperty("profile");
        Assert.Equal(0, cleared.GetProperty("tags").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("notes").ValueKind);
        Assert.DoesNotContain((await demo.GetAsync("/api/v1/customers?q=vip")).EnumerateArray(), c => c.GetProperty("customerId").GetGuid() == customer);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_and_another_tenants_customer_is_neither_edited_nor_found()
    {
        using var demo = await fixture.DemoAsync();
        using var rival = await fixture.RivalAsync();
        var mine = await VisitorAsync(demo, "проверка полей");
        var rivals = await VisitorAsync(rival, "секрет конкурента", widget: "rival");

        await AssertProblemAsync(await Patch(demo, mine, new { }), HttpStatusCode.BadRequest, "$: give at least one");
        await AssertProblemAsync(await Patch(demo, mine, new { name = "  " }), HttpStatusCode.BadRequest, "$.name");
        await AssertProblemAsync(await Patch(demo, mine, new { name = new string('x', 101) }), HttpStatusCode.BadRequest, "$.name");
        await AssertProblemAsync(await Patch(demo, mine, new { phones = new[] { "+79123456702", "позвоните" } }), HttpStatusCode.BadRequest, "$.phones[1]");
        await AssertProblemAsync(await Patch(demo, mine, new { emails = new[] { "not-an-address" } }), HttpStatusCode.BadRequest, "$.emails[0]");
        await AssertProblemAsync(await Patch(demo, mine, new { tags = new[] { "ok", "<script>" } }), HttpStatusCode.BadRequest, "$.tags[1]");
        await AssertProblemAsync(await Patch(demo, mine, new { notes = new string('n', 4001) }), HttpStatusCode.BadRequest, "$.notes");
        await AssertProblemAsync(await Patch(demo, mine, new { phones = new[] { "+79123456702" }, tags = 5 }), HttpStatusCode.BadRequest, "$.tags");
        await AssertProblemAsync(await Patch(demo, rivals, new { name = "Чужой" }), HttpStatusCode.NotFound, rivals.ToString());
        await AssertProblemAsync(await Patch(demo, Guid.NewGuid(), new { name = "Никто" }), HttpStatusCode.NotFound, "customer");
        Assert.Empty((await demo.GetAsync($"/api/v1/customers/{mine}/audit")).EnumerateArray()); // nothing refused was applied

        // The rival tags its customer; the demo tenant's search never sees it.
        (await Patch(rival, rivals, new { tags = new[] { "конкурент" } })).EnsureSuccessStatusCode();
        Assert.Empty((await demo.GetAsync("/api/v1/customers?q=конкурент")).EnumerateArray());
        Assert.Single((await rival.GetAsync("/api/v1/customers?q=конкурент")).EnumerateArray());
        Assert.Empty((await demo.GetAsync($"/api/v1/customers/{rivals}/audit")).EnumerateArray());
    }

    [Fact]
    public async Task Fuzzed_profile_edits_never_get_a_server_error_and_every_refusal_is_a_problem()
    {
        using var demo = await fixture.DemoAsync();
        var customer = await VisitorAsync(demo, "fuzz edit");
        var text = Gen.OneOf(Gen.String[0, 40], Gen.Const(new string('x', 4001)), Gen.Const(""), Gen.Const((string)null!), Gen.Const("+79123456703"),
            Gen.Const("a@b.co"), Gen.Const("VIP"));
        var list = Gen.OneOf(text.Array[0, 12].Select(a => (JsonNode?)new JsonArray([.. a.Select(t => (JsonNode?)t)])), Gen.Const((JsonNode?)null), Gen.Const((JsonNode?)42));
        var sent = 0;
        await Gen.Select(text, list, list, text, list, Gen.Int[0, 2]).SampleAsync(async t =>
        {
            sent++;
            var (name, phones, emails, notes, tags, shape) = t;
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/customers/{(shape == 2 ? "not-a-guid" : customer.ToString())}")
            {
                Content = shape == 1
                    ? new StringContent("{\"tags\": [", Encoding.UTF8, "application/json")
                    : JsonContent.Create(new JsonObject { ["name"] = name, ["phones"] = phones?.DeepClone(), ["emails"] = emails?.DeepClone(), ["notes"] = notes, ["tags"] = tags?.DeepClone() }),
            };
            var response = await demo.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for {body}");
            if (status >= 400 && shape != 2)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()), body);
            }
        }, seed: "C0nversat1on", iter: 150, threads: 1);

        Assert.Equal(150, sent);
        Assert.Equal(demo.TenantId, (await demo.GetAsync($"/api/v1/customers/{customer}")).GetProperty("profile").GetProperty("tenantId").GetGuid());
    }

    [Fact]
    public async Task A_new_name_shows_at_once_in_the_customers_open_conversation_and_the_inbox()
    {
        using var demo = await fixture.DemoAsync();
        var conversation = await fixture.VisitorWritesAsync("demo", "Подскажите про возврат");
        var customer = (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("customerId").GetGuid();
        var name = "Ольга Переименованная " + Guid.NewGuid().ToString("N")[..6];

        (await Patch(demo, customer, new { name })).EnsureSuccessStatusCode();

        Assert.Equal(name, (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("customerName").GetString());
        var inbox = await demo.GetAsync("/api/v1/inbox?limit=200");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("conversationId").GetGuid() == conversation
            && i.GetProperty("customerName").GetString() == name);
    }

    private async Task<Guid> VisitorAsync(ApiSession session, string text, string widget = "demo")
    {
        var conversation = await fixture.VisitorWritesAsync(widget, text);
        return (await session.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("customerId").GetGuid();
    }

    private static Task<HttpResponseMessage> Patch(ApiSession session, Guid customer, object body) =>
        session.Http.PatchAsJsonAsync($"/api/v1/customers/{customer}", body);

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string named)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
