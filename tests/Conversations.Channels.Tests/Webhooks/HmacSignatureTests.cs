using System.Text;
using Conversations.Channels.Webhooks;

namespace Conversations.Channels.Tests.Webhooks;

public sealed class HmacSignatureTests
{
    // RFC 4231 test case 2 and RFC 2202 test case 2: key "Jefe", data "what do ya want for nothing?".
    private const string Key = "Jefe";
    private static readonly byte[] Data = Encoding.ASCII.GetBytes("what do ya want for nothing?");
    private const string Sha256Hex = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    private const string Sha1Hex = "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79";

    [Fact]
    public void Compute_matches_the_rfc_test_vectors()
    {
        Assert.Equal(Sha256Hex, Convert.ToHexStringLower(HmacSignature.Compute(HmacAlgorithm.Sha256, Key, Data)));
        Assert.Equal(Sha1Hex, Convert.ToHexStringLower(HmacSignature.Compute(HmacAlgorithm.Sha1, Key, Data)));
    }

    [Theory]
    [InlineData(HmacAlgorithm.Sha256, "sha256=" + Sha256Hex, "sha256=")]
    [InlineData(HmacAlgorithm.Sha256, Sha256Hex, "")]
    [InlineData(HmacAlgorithm.Sha1, "sha1=" + Sha1Hex, "sha1=")]
    public void A_hex_signature_is_verified_in_either_case(HmacAlgorithm algorithm, string header, string prefix)
    {
        Assert.True(HmacSignature.Verify(algorithm, Key, Data, header, SignatureEncoding.Hex, prefix));
        Assert.True(HmacSignature.Verify(algorithm, Key, Data, header.ToUpperInvariant(), SignatureEncoding.Hex, prefix));
    }

    [Fact]
    public void A_base64_signature_is_verified()
    {
        var header = Convert.ToBase64String(Convert.FromHexString(Sha256Hex));

        Assert.True(HmacSignature.Verify(HmacAlgorithm.Sha256, Key, Data, header, SignatureEncoding.Base64));
    }

    [Fact]
    public void Sign_writes_what_verify_accepts()
    {
        var header = HmacSignature.Sign(HmacAlgorithm.Sha256, "secret", Data, SignatureEncoding.Hex, "sha256=");

        Assert.Equal("sha256=" + Convert.ToHexStringLower(HmacSignature.Compute(HmacAlgorithm.Sha256, "secret", Data)), header);
        Assert.True(HmacSignature.Verify(HmacAlgorithm.Sha256, "secret", Data, header, SignatureEncoding.Hex, "sha256="));
    }

    [Fact]
    public void One_changed_byte_of_the_body_fails_verification()
    {
        var tampered = (byte[])Data.Clone();
        tampered[^1] ^= 1;

        Assert.False(HmacSignature.Verify(HmacAlgorithm.Sha256, Key, tampered, "sha256=" + Sha256Hex, SignatureEncoding.Hex, "sha256="));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=5bdcc146")]
    [InlineData("sha256=" + Sha256Hex + "00")]
    [InlineData("sha256=zz" + Sha256Hex)]
    [InlineData("md5=" + Sha256Hex)]
    public void A_missing_short_long_malformed_or_wrongly_prefixed_signature_fails(string? header)
    {
        Assert.False(HmacSignature.Verify(HmacAlgorithm.Sha256, Key, Data, header, SignatureEncoding.Hex, "sha256="));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_secret_nothing_verifies(string? secret)
    {
        Assert.False(HmacSignature.Verify(HmacAlgorithm.Sha256, secret, Data, "sha256=" + Sha256Hex, SignatureEncoding.Hex, "sha256="));
    }

    [Fact]
    public void A_malformed_base64_signature_fails()
    {
        Assert.False(HmacSignature.Verify(HmacAlgorithm.Sha256, Key, Data, "***not base64***", SignatureEncoding.Base64));
    }
}
