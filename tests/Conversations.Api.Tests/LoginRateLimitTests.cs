using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Console;
using Conversations.Grains.Operators;
using Conversations.Grains.Tenants;

namespace Conversations.Api.Tests;

/// <summary>
/// Login attempts are rate limited per address and user, and per address in all (own host with the production limits,
/// so other tests keep their budget). Each test signs in from an address of its own (127.0.0.x), as separate offices would.
/// </summary>
public sealed class LoginRateLimitTests(LoginRateLimitTests.DefaultLimitsFixture fixture) : IClassFixture<LoginRateLimitTests.DefaultLimitsFixture>
{
    private const int PerUser = 10; // AuthOptions.LoginAttemptsPerMinute's default
    private const int PerAddress = PerUser * 10;

    [Fact]
    public async Task Repeated_failed_logins_are_rate_limited_with_a_problem_document()
    {
        using var http = fixture.ClientFrom("127.0.0.11");
        HttpResponseMessage? last = null;
        for (var i = 0; i < 15; i++)
        {
            last = await LoginAsync(http, "demo", "demo", "guess" + i);
            if (last.StatusCode == HttpStatusCode.TooManyRequests)
            {
                break;
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(last.Headers.RetryAfter);
        var problem = await last.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Contains("retry in", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_user_guessing_a_password_does_not_lock_out_colleagues_behind_the_same_address()
    {
        using var office = fixture.ClientFrom("127.0.0.12");
        var colleague = await fixture.AddOperatorAsync();
        for (var i = 0; i < PerUser; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(office, "demo", "demo", "guess" + i)).StatusCode);
        }

        var refused = await LoginAsync(office, "demo", "DEMO ", "guess");
        var colleagueSignsIn = await LoginAsync(office, "demo", colleague, "colleague-password");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode); // the same user, however written
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, colleagueSignsIn.StatusCode);
    }

    [Fact]
    public async Task One_address_trying_many_users_is_limited_in_all()
    {
        using var sprayer = fixture.ClientFrom("127.0.0.13");
        for (var i = 0; i < PerAddress; i++)
        {
            var response = await LoginAsync(sprayer, "demo", $"user{i % (PerAddress / PerUser)}", "guess" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var refused = await LoginAsync(sprayer, "demo", "one-more-user", "guess");
        using var elsewhere = fixture.ClientFrom("127.0.0.14");
        var otherAddress = await LoginAsync(elsewhere, "demo", "one-more-user", "guess");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAddress.StatusCode);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient http, string tenant, string username, string password) =>
        http.PostAsJsonAsync("/api/v1/auth/login", new { tenant, username, password });

    /// <summary>The host with the production login limits.</summary>
    public sealed class DefaultLimitsFixture : ApiFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>();

        /// <summary>A client whose connections come from <paramref name="localAddress"/> (any 127.x address is this machine).</summary>
        public HttpClient ClientFrom(string localAddress)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return new HttpClient(handler) { BaseAddress = BaseAddress };
        }

        /// <summary>A new operator of the demo tenant (added through the grains: the login API is what is limited); returns the username.</summary>
        public async Task<string> AddOperatorAsync()
        {
            var username = "colleague" + Guid.NewGuid().ToString("N")[..6];
            var demo = await App.Grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync("demo");
            await App.Grains.GetGrain<ITenantGrain>(demo!.TenantId).AddOperatorAsync(new NewOperator(username, "Colleague", OperatorRole.Operator, 3, "colleague-password"));
            return username;
        }
    }
}
