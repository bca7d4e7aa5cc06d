using Microsoft.Extensions.Hosting;

namespace Conversations.Api.Auth;

/// <summary>
/// Loads the token signing key as a start-up step, so no request ever waits for it (the JWT handler reads the key
/// synchronously). Registered after the silo, whose hosted service has started by then: the key may live in a grain.
/// </summary>
internal sealed class TokenWarmUp(TokenService tokens) : IHostedService
{
    /// <summary>How long start-up waits for the key while the cluster settles (a silo joining, the database restarting).</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    public Task StartAsync(CancellationToken cancellationToken) =>
        Channels.GrainCalls.RetryAsync(tokens.WarmUpAsync, Budget, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
