namespace Conversations.Channels.Viber.Tests;

/// <summary>The Viber gateway fixture on a clock that starts at real now, for tests that sign in to the API (tokens are checked against real time).</summary>
public sealed class ViberSignedInFixture : ViberGatewayFixture
{
    public ViberSignedInFixture()
        : base(DateTimeOffset.UtcNow)
    {
    }
}
