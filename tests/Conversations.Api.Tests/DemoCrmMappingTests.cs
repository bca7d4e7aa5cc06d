using System.Net;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>The demo's stand-in CRM is served beside the demo tenant only, never by a deployment without it.</summary>
public sealed class DemoCrmMappingTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task With_the_demo_tenant_seeded_the_demo_crm_answers()
    {
        using var http = fixture.NewClient();

        using var response = await http.GetAsync("/demo/crm/orders?phone=79161234567");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_the_demo_tenant_the_demo_crm_is_not_mapped()
    {
        await using var app = new ConversationsApp(seedDemo: false);
        using var http = app.CreateClient();

        using var response = await http.GetAsync("/demo/crm/orders?phone=79161234567");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
