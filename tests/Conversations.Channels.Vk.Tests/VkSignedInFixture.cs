namespace Conversations.Channels.Vk.Tests;

/// <summary>The VK gateway fixture on a clock that starts at real now, for tests that sign in to the API (tokens are checked against real time).</summary>
public sealed class VkSignedInFixture : VkGatewayFixture
{
    public VkSignedInFixture()
        : base(DateTimeOffset.UtcNow)
    {
    }
}
