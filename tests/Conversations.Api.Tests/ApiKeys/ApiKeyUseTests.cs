using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Api.Tests.ApiKeys;

/// <summary>
/// API keys in the admin's list: when each was last used (recorded at most once a minute per key, not per request),
/// prefixes that tell keys apart, and a write-rate bucket of each key's own even when two keys share a name.
/// </summary>
public sealed class ApiKeyUseTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ConversationsApp _app = null!;
    private ApiSession _admin = null!;

    public async Task InitializeAsync()
    {
        // A small write limit, so a key's bucket runs dry within a few requests.
        _app = new ConversationsApp(time: _clock, seedDemo: false, settings: new Dictionary<string, string?> { ["Auth:WritesPerSecond"] = "3" });
        var baseAddress = _app.StartKestrel();
        using var platform = new HttpClient { BaseAddress = baseAddress };
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        await Eventually.HoldsAsync(async () => (await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new { slug = "keys", name = "Keys shop", adminUsername = "owner", adminPassword = "owner-password" })).IsSuccessStatusCode, "the tenant created", TimeSpan.FromSeconds(30));
        _admin = await ApiSession.SignInAsync(new HttpClient { BaseAddress = baseAddress }, "keys", "owner", "owner-password");
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_keys_last_use_is_recorded_once_a_minute_however_often_it_is_used()
    {
        var (id, key) = await CreateKeyAsync("crm");
        Assert.Equal(JsonValueKind.Null, (await KeyAsync(id)).GetProperty("lastUsedAt").ValueKind);
        using var integration = Integration(key);

        var first = _clock.GetUtcNow();
        await UseAsync(integration, times: 5);
        await Eventually.HoldsAsync(async () => await LastUsedAsync(id) == first, "the first use recorded");

        // Used again and again within the minute: nothing more is recorded.
        _clock.Advance(TimeSpan.FromSeconds(30));
        await UseAsync(integration, times: 5);
        _clock.Advance(TimeSpan.FromSeconds(29));
        await UseAsync(integration, times: 5);
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // the recording is off the request's path: give a wrong one time to land
        Assert.Equal(first, await LastUsedAsync(id));

        // A minute after the recorded use, the next use is recorded.
        _clock.Advance(TimeSpan.FromSeconds(2));
        var later = _clock.GetUtcNow();
        await UseAsync(integration, times: 1);
        await Eventually.HoldsAsync(async () => await LastUsedAsync(id) == later, "the use a minute later recorded");
    }

    [Fact]
    public async Task Keys_are_listed_with_prefixes_that_tell_them_apart()
    {
        var (firstId, firstKey) = await CreateKeyAsync("one");
        var (secondId, secondKey) = await CreateKeyAsync("two");

        var first = (await KeyAsync(firstId)).GetProperty("prefix").GetString()!;
        var second = (await KeyAsync(secondId)).GetProperty("prefix").GetString()!;

        Assert.NotEqual(first, second);
        Assert.Equal($"cvk_…{firstKey[^12..]}", first);
        Assert.Equal($"cvk_…{secondKey[^12..]}", second);
        Assert.DoesNotContain(firstKey[4..^12], first, StringComparison.Ordinal); // no more of the secret than the end
    }

    [Fact]
    public async Task Two_keys_with_the_same_name_have_a_write_bucket_each()
    {
        var (_, spent) = await CreateKeyAsync("sync");
        var (_, fresh) = await CreateKeyAsync("sync");
        using var spender = Integration(spent);
        using var other = Integration(fresh);

        var refused = false;
        for (var i = 0; i < 100 && !refused; i++)
        {
            refused = (await WriteAsync(spender)).StatusCode == HttpStatusCode.TooManyRequests;
        }

        Assert.True(refused, "the first key's bucket ran dry");
        Assert.Equal(HttpStatusCode.OK, (await WriteAsync(other)).StatusCode);
    }

    private async Task<(Guid Id, string Key)> CreateKeyAsync(string name)
    {
        var created = await (await _admin.PostAsync("/api/v1/admin/api-keys", new { name, role = "Admin" })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("info").GetProperty("id").GetGuid(), created.GetProperty("key").GetString()!);
    }

    private async Task<JsonElement> KeyAsync(Guid id) =>
        (await _admin.GetAsync("/api/v1/admin/api-keys")).EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id);

    private async Task<DateTimeOffset?> LastUsedAsync(Guid id) =>
        (await KeyAsync(id)).GetProperty("lastUsedAt") is { ValueKind: JsonValueKind.String } at ? at.GetDateTimeOffset() : null;

    private HttpClient Integration(string key)
    {
        var http = new HttpClient { BaseAddress = _admin.Http.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private static async Task UseAsync(HttpClient integration, int times)
    {
        for (var i = 0; i < times; i++)
        {
            (await integration.GetAsync("/api/v1/inbox")).EnsureSuccessStatusCode();
        }
    }

    /// <summary>A write an admin key may make that changes nothing: trying a question against the FAQ.</summary>
    private static Task<HttpResponseMessage> WriteAsync(HttpClient integration) =>
        integration.PostAsJsonAsync("/api/v1/admin/bot/faq/try", new { question = "where is my parcel" });
}
