namespace Conversations.Api.Auth;

/// <summary>Token settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>How long an operator's login token lasts.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Login attempts per minute from one address for one user (of one tenant) before 429.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Login attempts per minute from one address for all users together before 429 (against trying many users);
    /// null means <see cref="LoginThrottle.AddressFactor"/> times <see cref="LoginAttemptsPerMinute"/>.
    /// </summary>
    public int? LoginAttemptsPerMinutePerAddress { get; set; }

    /// <summary>Writes (sends, takes, admin changes) per second per user before 429.</summary>
    public int WritesPerSecond { get; set; } = 20;
}
