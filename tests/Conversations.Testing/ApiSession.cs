using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.Testing;

/// <summary>An HTTP client signed in to the API as one operator of one tenant.</summary>
public sealed class ApiSession(HttpClient http, Guid tenantId, Guid operatorId) : IDisposable
{
    /// <summary>The client; every request carries the operator's bearer token.</summary>
    public HttpClient Http { get; } = http;

    /// <summary>The operator's tenant.</summary>
    public Guid TenantId { get; } = tenantId;

    /// <summary>The signed-in operator.</summary>
    public Guid OperatorId { get; } = operatorId;

    /// <summary>Signs in with the login API.</summary>
    public static async Task<ApiSession> SignInAsync(HttpClient http, string tenant, string username, string password)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { tenant, username, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        var me = body.GetProperty("operator");
        return new ApiSession(http, me.GetProperty("tenantId").GetGuid(), me.GetProperty("operatorId").GetGuid());
    }

    /// <summary>GETs JSON.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>POSTs JSON and returns the response.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => Http.PostAsJsonAsync(path, body ?? new { });

    /// <inheritdoc />
    public void Dispose() => Http.Dispose();
}
