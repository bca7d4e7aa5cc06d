using Conversations.Abstractions.Channels;

namespace Conversations.Grains.Bot;

/// <summary>A one-time code a verify step asks to send: by e-mail (the business-notification SMTP) or SMS (the platform's SMS sender).</summary>
/// <param name="Channel"><see cref="ChannelKind.NotificationEmail"/> or <see cref="ChannelKind.NotificationSms"/>.</param>
/// <param name="Destination">The e-mail address or E.164 number.</param>
/// <param name="Subject">The e-mail subject.</param>
/// <param name="Text">The text with the code.</param>
public sealed record VerificationCode(ChannelKind Channel, string Destination, string Subject, string Text)
{
    /// <summary>Leaves the code out, so a logged value never carries it.</summary>
    public override string ToString() => $"VerificationCode {{ Channel = {Channel} }}";
}
