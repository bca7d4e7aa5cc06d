using System.Security.Cryptography;
using System.Text;
using Conversations.Channels.Notifications;

namespace Conversations.Channels.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec-test";
    private const long Timestamp = 1_790_000_000;
    private const string Body = "{\"event\":\"handoff.requested\"}";

    [Fact]
    public void The_signature_is_hex_hmac_sha256_of_timestamp_dot_body_with_a_sha256_prefix()
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{Timestamp}.{Body}")));

        Assert.Equal(expected, WebhookSignature.Sign(Secret, Timestamp, Body));
    }

    [Fact]
    public void A_receiver_verifies_the_signature_it_was_sent()
    {
        Assert.True(WebhookSignature.Verify(Secret, Timestamp, Body, WebhookSignature.Sign(Secret, Timestamp, Body)));
    }

    [Theory]
    [InlineData("other-secret", Timestamp, Body)]
    [InlineData(Secret, Timestamp + 1, Body)]
    [InlineData(Secret, Timestamp, "{\"event\":\"handoff.requested\" }")]
    public void A_signature_made_with_another_secret_time_or_body_is_refused(string secret, long timestamp, string body)
    {
        var signature = WebhookSignature.Sign(secret, timestamp, body);

        Assert.False(WebhookSignature.Verify(Secret, Timestamp, Body, signature));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("not a signature")]
    public void A_malformed_signature_is_refused(string signature)
    {
        Assert.False(WebhookSignature.Verify(Secret, Timestamp, Body, signature));
    }
}
