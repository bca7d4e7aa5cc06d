using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>A business's CRM pushes customers under its own ids (PUT /api/v1/customers/by-external-id/{id}) with an API key.</summary>
public sealed class ExternalCustomerTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_push_creates_the_customer_once_and_later_pushes_update_it_with_typed_attributes()
    {
        using var crm = await IntegrationAsync(fixture.DemoAsync);
        var externalId = "crm-" + Guid.NewGuid().ToString("N")[..8];

        var first = await crm.PutAsJsonAsync($"/api/v1/customers/by-external-id/{externalId}", new
        {
            name = "Анна Петрова",
            phones = new[] { "+7 (900) 123-45-67" },
            emails = new[] { "Anna@Example.COM" },
            attributes = new Dictionary<string, object?> { ["plan"] = "gold", ["ltv"] = 1234.50, ["vip"] = true },
        });
        var second = await crm.PutAsJsonAsync($"/api/v1/customers/by-external-id/{externalId}", new
        {
            attributes = new Dictionary<string, object?> { ["plan"] = "platinum", ["vip"] = null },
        });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        var updated = await second.Content.ReadFromJsonAsync<JsonElement>();
        var customerId = created.GetProperty("customerId").GetGuid();
        Assert.Equal($"/api/v1/customers/{customerId}", first.Headers.Location?.OriginalString);
        Assert.Equal(customerId, updated.GetProperty("customerId").GetGuid());
        Assert.Equal("Анна Петрова", updated.GetProperty("displayName").GetString());
        Assert.Equal(["+79001234567"], updated.GetProperty("phones").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["Anna@example.com"], updated.GetProperty("emails").EnumerateArray().Select(p => p.GetString()));
        var attributes = updated.GetProperty("attributes");
        Assert.Equal("platinum", attributes.GetProperty("plan").GetString());
        Assert.Equal("1234.5", attributes.GetProperty("ltv").GetString());
        Assert.False(attributes.TryGetProperty("vip", out _));
        var types = updated.GetProperty("attributeTypes");
        Assert.Equal("Number", types.GetProperty("ltv").GetString());
        Assert.False(types.TryGetProperty("plan", out _)); // text is the default type, not listed
        Assert.Equal(externalId, updated.GetProperty("externalId").GetString());

        // Operators see the same profile, find it by the external id, and read it back by that id.
        using var demo = await fixture.DemoAsync();
        var detail = await demo.GetAsync($"/api/v1/customers/{customerId}");
        Assert.Equal("platinum", detail.GetProperty("profile").GetProperty("attributes").GetProperty("plan").GetString());
        var found = await demo.GetAsync($"/api/v1/customers?q={externalId}");
        Assert.Contains(found.EnumerateArray(), c => c.GetProperty("customerId").GetGuid() == customerId && c.GetProperty("externalId").GetString() == externalId);
        var byExternalId = await demo.GetAsync($"/api/v1/customers/by-external-id/{externalId}");
        Assert.Equal(customerId, byExternalId.GetProperty("customerId").GetGuid());
    }

    [Fact]
    public async Task Simultaneous_first_pushes_of_one_id_make_one_customer()
    {
        using var crm = await IntegrationAsync(fixture.DemoAsync);
        var externalId = "race-" + Guid.NewGuid().ToString("N")[..8];

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            crm.PutAsJsonAsync($"/api/v1/customers/by-external-id/{externalId}", new { attributes = new Dictionary<string, object?> { [$"a{i}"] = i } })));

        var ids = new HashSet<Guid>();
        foreach (var response in responses)
        {
            ids.Add((await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetGuid());
        }

        Assert.Single(ids);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        using var demo = await fixture.DemoAsync();
        var attributes = (await demo.GetAsync($"/api/v1/customers/by-external-id/{externalId}")).GetProperty("attributes");
        Assert.Equal(8, attributes.EnumerateObject().Count());
    }

    [Theory]
    [InlineData("""{"phones":["not a phone"]}""", "$.phones[0]")]
    [InlineData("""{"phones":["+7900"]}""", "$.phones[0]")]
    [InlineData("""{"emails":["anna@"]}""", "$.emails[0]")]
    [InlineData("""{"attributes":{"1plan":"x"}}""", "$.attributes.1plan")]
    [InlineData("""{"attributes":{"plan":["a"]}}""", "$.attributes.plan")]
    [InlineData("""{"attributes":{"plan":{"a":1}}}""", "$.attributes.plan")]
    [InlineData("""{"attributes":{"big":1e40}}""", "$.attributes.big")]
    [InlineData("""{"name":"a\u0000b"}""", "$.name")]
    public async Task Bad_input_is_refused_with_a_400_naming_the_field(string body, string field)
    {
        using var crm = await IntegrationAsync(fixture.DemoAsync);
        var externalId = "bad-" + Guid.NewGuid().ToString("N")[..8];

        var response = await crm.PutAsync($"/api/v1/customers/by-external-id/{externalId}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(field + ":", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await crm.GetAsync($"/api/v1/customers/by-external-id/{externalId}")).StatusCode);
    }

    [Fact]
    public async Task Limits_are_refused_with_a_400_naming_the_field()
    {
        using var crm = await IntegrationAsync(fixture.DemoAsync);
        var tooLongId = new string('x', 201);
        var tooManyAttributes = Enumerable.Range(0, 101).ToDictionary(i => $"a{i}", i => (object?)i);

        var longId = await crm.PutAsJsonAsync($"/api/v1/customers/by-external-id/{tooLongId}", new { name = "x" });
        var manyAttributes = await crm.PutAsJsonAsync("/api/v1/customers/by-external-id/many", new { attributes = tooManyAttributes });
        var longValue = await crm.PutAsJsonAsync("/api/v1/customers/by-external-id/long", new { attributes = new { note = new string('я', 1001) } });

        Assert.Equal(HttpStatusCode.BadRequest, longId.StatusCode);
        Assert.Contains("externalId: at most 200 characters", await longId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, manyAttributes.StatusCode);
        Assert.Contains("$.attributes: at most 100 items", await manyAttributes.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, longValue.StatusCode);
        Assert.Contains("$.attributes.note: at most 1000 characters", await longValue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_external_id_in_two_tenants_is_two_customers_and_neither_sees_the_other()
    {
        using var demoCrm = await IntegrationAsync(fixture.DemoAsync);
        using var rivalCrm = await IntegrationAsync(fixture.RivalAsync);
        var externalId = "shared-" + Guid.NewGuid().ToString("N")[..8];
        var rivalOnly = "rival-" + Guid.NewGuid().ToString("N")[..8];

        var demoCustomer = await (await demoCrm.PutAsJsonAsync($"/api/v1/customers/by-external-id/{externalId}", new { name = "Demo's", attributes = new { plan = "demo" } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var rivalCustomer = await (await rivalCrm.PutAsJsonAsync($"/api/v1/customers/by-external-id/{externalId}", new { name = "Rival's", attributes = new { plan = "rival" } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await rivalCrm.PutAsJsonAsync($"/api/v1/customers/by-external-id/{rivalOnly}", new { name = "Secret" })).EnsureSuccessStatusCode();

        Assert.NotEqual(demoCustomer.GetProperty("customerId").GetGuid(), rivalCustomer.GetProperty("customerId").GetGuid());
        var demoView = await (await demoCrm.GetAsync($"/api/v1/customers/by-external-id/{externalId}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("demo", demoView.GetProperty("attributes").GetProperty("plan").GetString());
        Assert.Equal("Demo's", demoView.GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await demoCrm.GetAsync($"/api/v1/customers/by-external-id/{rivalOnly}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await demoCrm.GetAsync($"/api/v1/customers/{rivalCustomer.GetProperty("customerId").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Customers_sharing_an_unverified_phone_are_suggested_to_operators_never_linked()
    {
        using var crm = await IntegrationAsync(fixture.DemoAsync);
        var phone = "+7900" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var first = await (await crm.PutAsJsonAsync($"/api/v1/customers/by-external-id/s1-{Guid.NewGuid():N}", new { name = "Первая", phones = new[] { phone } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await crm.PutAsJsonAsync($"/api/v1/customers/by-external-id/s2-{Guid.NewGuid():N}", new { name = "Вторая", phones = new[] { phone } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        using var rivalCrm = await IntegrationAsync(fixture.RivalAsync);
        (await rivalCrm.PutAsJsonAsync($"/api/v1/customers/by-external-id/s3-{Guid.NewGuid():N}", new { name = "Чужая", phones = new[] { phone } })).EnsureSuccessStatusCode();
        using var demo = await fixture.DemoAsync();

        var suggestions = await demo.GetAsync($"/api/v1/customers/{first.GetProperty("customerId").GetGuid()}/suggestions");

        var suggestion = Assert.Single(suggestions.EnumerateArray());
        Assert.Equal(second.GetProperty("customerId").GetGuid(), suggestion.GetProperty("customer").GetProperty("customerId").GetGuid());
        Assert.Equal([phone], suggestion.GetProperty("sharedContacts").EnumerateArray().Select(c => c.GetString()));
        Assert.NotEqual(first.GetProperty("customerId").GetGuid(), second.GetProperty("customerId").GetGuid());
    }

    [Fact]
    public async Task Without_a_credential_the_push_is_refused()
    {
        using var anonymous = fixture.NewClient();

        var response = await anonymous.PutAsJsonAsync("/api/v1/customers/by-external-id/anon", new { name = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>A client with a new Operator-role API key of the tenant <paramref name="signIn"/> opens (what a CRM integration uses).</summary>
    private async Task<HttpClient> IntegrationAsync(Func<Task<ApiSession>> signIn)
    {
        using var admin = await signIn();
        var key = (await (await admin.PostAsync("/api/v1/admin/api-keys", new { name = "crm", role = "Operator" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        var client = fixture.NewClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
