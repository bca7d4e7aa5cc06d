namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// The WhatsApp host with its clock 25 hours behind real time: a customer writes "yesterday", then the test moves the
/// clock to now (sign-in tokens are checked against real time) and the 24-hour window has closed.
/// </summary>
public class WhatsAppYesterdayFixture : WhatsAppGatewayFixture
{
    /// <summary>How far behind real time the clock starts.</summary>
    public static readonly TimeSpan Behind = TimeSpan.FromHours(25);

    public WhatsAppYesterdayFixture()
        : base(Behind)
    {
    }
}
