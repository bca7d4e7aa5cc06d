using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// Messenger with the host's clock 30 hours behind real time, shared with the Graph API stand-in's messaging windows: a
/// customer writes "yesterday", then the test moves the clock to now and the 24-hour standard window has closed.
/// </summary>
public sealed class MessengerYesterdayDriver : MessengerPlatformDriver
{
    /// <summary>How far behind real time the clock starts.</summary>
    public static readonly TimeSpan Behind = TimeSpan.FromHours(30);

    public MessengerYesterdayDriver()
        : base(ChannelKind.Messenger, Behind)
    {
    }
}
