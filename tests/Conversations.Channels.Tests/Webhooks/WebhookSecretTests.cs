using Conversations.Channels.Webhooks;

namespace Conversations.Channels.Tests.Webhooks;

public sealed class WebhookSecretTests
{
    [Fact]
    public void The_registered_secret_matches()
    {
        Assert.True(WebhookSecret.Matches("s3cret-token", "s3cret-token"));
    }

    [Theory]
    [InlineData("s3cret-tokeN", "s3cret-token")]
    [InlineData("s3cret", "s3cret-token")]
    [InlineData(null, "s3cret-token")]
    [InlineData("", "s3cret-token")]
    [InlineData("s3cret-token", null)]
    [InlineData("", "")]
    public void Anything_else_does_not_match_and_an_empty_secret_never_does(string? presented, string? expected)
    {
        Assert.False(WebhookSecret.Matches(presented, expected));
    }
}
