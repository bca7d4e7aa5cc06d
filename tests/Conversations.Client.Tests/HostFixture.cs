using System.Net.Http.Json;
using Conversations.Api.Contracts.Conversations;
using Conversations.Testing;

namespace Conversations.Client.Tests;

/// <summary>
/// The real host (embedded, on a loopback port) with the seeded demo tenant (admin "demo") and a second operator,
/// Olga, for conflicts. Login and write limits are lifted: the tests sign in many times.
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    public const string Tenant = "demo";
    public const string Admin = "demo";
    public const string AdminPassword = "demo-password";
    public const string Colleague = "olga";
    public const string ColleaguePassword = "olga-password";

    public ConversationsApp App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new ConversationsApp(seedDemo: true, settings: new Dictionary<string, string?>
        {
            ["Auth:LoginAttemptsPerMinute"] = "10000",
            ["Auth:WritesPerSecond"] = "1000",
        });
        BaseAddress = App.StartKestrel();
        using var probe = NewHttpClient();
        await Eventually.HoldsAsync(async () => (await probe.PostAsJsonAsync("/api/v1/auth/login",
            new { tenant = Tenant, username = Admin, password = AdminPassword })).IsSuccessStatusCode, "the demo operator seeded", TimeSpan.FromSeconds(60));

        using var admin = await SignInAsync();
        using var http = NewHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", admin.AccessToken);
        (await http.PostAsJsonAsync("/api/v1/admin/operators",
            new { username = Colleague, displayName = "Olga", role = "Operator", capacity = 5, password = ColleaguePassword })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public HttpClient NewHttpClient(HttpMessageHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler()) { BaseAddress = BaseAddress };

    /// <summary>A client signed in as the demo admin (or another operator).</summary>
    public async Task<ConversationsClient> SignInAsync(string username = Admin, string password = AdminPassword, HttpMessageHandler? handler = null)
    {
        var client = new ConversationsClient(NewHttpClient(handler));
        await client.LoginAsync(Tenant, username, password);
        return client;
    }

    /// <summary>A new website visitor of the demo widget.</summary>
    public Task<WidgetVisitor> NewVisitorAsync() => WidgetVisitor.StartAsync(NewHttpClient(), Tenant);

    /// <summary>A conversation whose customer asked for a human ("оператор").</summary>
    public async Task<Guid> WaitingConversationAsync()
    {
        using var visitor = await NewVisitorAsync();
        var conversation = await visitor.WriteAsync("оператор");
        using var client = await SignInAsync();
        await Eventually.HoldsAsync(async () => (await client.GetConversationAsync(conversation)).Summary.Status == ConversationStatus.WaitingForOperator,
            "the customer waits for an operator");
        return conversation;
    }
}
