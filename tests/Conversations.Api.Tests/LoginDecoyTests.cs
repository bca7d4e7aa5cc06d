using System.Net;
using System.Net.Http.Json;
using Conversations.Api.Auth;
using Conversations.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Api.Tests;

/// <summary>
/// A sign-in for an unknown tenant or user hashes the password as a wrong password does, so its timing does not tell
/// which accounts exist. Proved by counting the hashing, not by measuring time.
/// </summary>
public sealed class LoginDecoyTests(LoginDecoyTests.CountingHost host) : IClassFixture<LoginDecoyTests.CountingHost>
{
    [Theory]
    [InlineData("no-such-tenant", "boss")]
    [InlineData("decoy", "nobody")]
    public async Task A_sign_in_for_an_unknown_tenant_or_user_hashes_the_password_once(string tenant, string username)
    {
        var before = host.Hasher.Verifications;

        var response = await host.Http.PostAsJsonAsync("/api/v1/auth/login", new { tenant, username, password = "some-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before + 1, host.Hasher.Verifications);
    }

    [Fact]
    public async Task A_wrong_password_of_a_known_user_is_hashed_by_the_operator_not_by_the_decoy()
    {
        var before = host.Hasher.Verifications;

        var response = await host.Http.PostAsJsonAsync("/api/v1/auth/login", new { tenant = "decoy", username = "boss", password = "wrong-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, host.Hasher.Verifications);
    }

    /// <summary>A host whose decoy hasher counts its verifications, with a tenant "decoy" and its admin "boss".</summary>
    public sealed class CountingHost : IAsyncLifetime
    {
        private readonly ConversationsApp _app = new(seedDemo: false, settings: new Dictionary<string, string?> { ["Auth:LoginAttemptsPerMinute"] = "1000" });
        private WebApplicationFactory<Program> _host = null!;

        public CountingHasher Hasher { get; } = new();

        public HttpClient Http { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _host = _app.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
                services.AddSingleton<IPasswordHasher<DecoyPasswordCheck>>(Hasher)));
            Http = _host.CreateClient();
            using var platform = _host.CreateClient();
            platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
            (await platform.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "decoy", name = "Decoy", adminUsername = "boss", adminPassword = "boss-password" }))
                .EnsureSuccessStatusCode();
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            await _host.DisposeAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>The real hasher (same cost), counting how often a password is checked.</summary>
    public sealed class CountingHasher : IPasswordHasher<DecoyPasswordCheck>
    {
        private readonly PasswordHasher<DecoyPasswordCheck> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(DecoyPasswordCheck user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(DecoyPasswordCheck user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
