using Microsoft.Extensions.Hosting;

namespace Conversations.Api.Auth;

/// <summary>Loads the token signing key once the silo runs, so the first request does not wait for it.</summary>
internal sealed class TokenWarmUp(TokenService tokens, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Channels.GrainCalls.RetryAsync(tokens.WarmUpAsync, TimeSpan.FromSeconds(30)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
