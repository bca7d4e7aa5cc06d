namespace Conversations.Api.Auth;

/// <summary>Token settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>How long an operator's login token lasts.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Login attempts per minute from one address for one user before 429.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Writes (sends, takes, admin changes) per second per user before 429.</summary>
    public int WritesPerSecond { get; set; } = 20;
}
