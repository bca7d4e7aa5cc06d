using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Conversations.Api.Auth;

/// <summary>
/// Limits sign-in attempts twice: <see cref="AuthOptions.LoginAttemptsPerMinute"/> from one address for one user of one
/// tenant (guessing a password), and a larger budget from one address for all users together (trying many users).
/// Colleagues behind one NAT share only the larger one. The login endpoint asks, since the user is named in the body.
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    /// <summary>The per-address budget, when not configured, as a multiple of the per-user one.</summary>
    public const int AddressFactor = 10;

    private readonly PartitionedRateLimiter<Attempt> _perUser;
    private readonly PartitionedRateLimiter<Attempt> _perAddress;

    /// <summary>Creates the limits from the options (read once: a change applies after a restart).</summary>
    public LoginThrottle(IOptions<AuthOptions> options)
    {
        var perUser = options.Value.LoginAttemptsPerMinute;
        var perAddress = options.Value.LoginAttemptsPerMinutePerAddress ?? perUser * AddressFactor;
        _perUser = PartitionedRateLimiter.Create<Attempt, Attempt>(attempt => RateLimitPartition.GetFixedWindowLimiter(attempt, _ => PerMinute(perUser)));
        _perAddress = PartitionedRateLimiter.Create<Attempt, string>(attempt =>
            RateLimitPartition.GetFixedWindowLimiter(attempt.Address, _ => PerMinute(perAddress)));
    }

    /// <summary>
    /// Counts an attempt to sign in as <paramref name="username"/> of <paramref name="tenant"/> from <paramref name="address"/>;
    /// false when a limit is reached, with how long to wait.
    /// </summary>
    public bool TryAdmit(string address, string tenant, string username, out TimeSpan retryAfter)
    {
        var attempt = new Attempt(address, tenant.Trim().ToLowerInvariant(), username.Trim().ToLowerInvariant());
        using var user = _perUser.AttemptAcquire(attempt);
        if (!user.IsAcquired)
        {
            retryAfter = RetryAfter(user);
            return false;
        }

        using var all = _perAddress.AttemptAcquire(attempt);
        retryAfter = all.IsAcquired ? TimeSpan.Zero : RetryAfter(all);
        return all.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _perUser.Dispose();
        _perAddress.Dispose();
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromMinutes(1);

    private readonly record struct Attempt(string Address, string Tenant, string Username);
}
