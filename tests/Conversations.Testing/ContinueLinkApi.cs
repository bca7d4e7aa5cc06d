using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.Testing;

/// <summary>What the channel tests of "continue in messenger" links do through the API: a CRM's customer, and links for it.</summary>
public static class ContinueLinkApi
{
    /// <summary>A new customer the business knows by an external id starting with <paramref name="externalIdPrefix"/>; returns its id.</summary>
    public static async Task<Guid> CrmCustomerAsync(this ApiSession session, string externalIdPrefix) =>
        (await (await session.Http.PutAsJsonAsync($"/api/v1/customers/by-external-id/{externalIdPrefix}-{Guid.NewGuid():N}", new { name = "Покупатель с сайта" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetGuid();

    /// <summary>POST /api/v1/customers/{id}/continue-links: the token and the tenant's links (201 expected).</summary>
    public static async Task<JsonElement> ContinueLinksAsync(this ApiSession session, Guid customerId)
    {
        var response = await session.PostAsync($"/api/v1/customers/{customerId}/continue-links");
        return response.StatusCode == HttpStatusCode.Created
            ? await response.Content.ReadFromJsonAsync<JsonElement>()
            : throw new InvalidOperationException($"continue-links answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
