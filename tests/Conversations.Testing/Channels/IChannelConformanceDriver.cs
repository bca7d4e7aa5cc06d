using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;

namespace Conversations.Testing.Channels;

/// <summary>
/// What <see cref="ChannelConformanceTests{TDriver}"/> needs to drive one channel: a running app with the channel
/// connected, and the channel's inbound calls and send errors as its platform documents them.
/// </summary>
public interface IChannelConformanceDriver
{
    /// <summary>The channel under test.</summary>
    ChannelKind Kind { get; }

    /// <summary>A text message from a new customer.</summary>
    Task<InboundSample> NewTextMessageAsync(string text);

    /// <summary>Every inbound kind the channel supports, each from a new customer, with the content it must be stored as.</summary>
    Task<IReadOnlyList<InboundKindCase>> InboundKindsAsync();

    /// <summary>Makes the inbound call with <paramref name="credential"/> and returns the app's answer.</summary>
    Task<HttpResponseMessage> DeliverAsync(InboundSample sample, WebhookCredential credential);

    /// <summary>Posts <paramref name="body"/> (anything at all) with a valid credential to the channel's inbound endpoint.</summary>
    Task<HttpResponseMessage> DeliverRawAsync(byte[] body);

    /// <summary>What the app stored from the customer of <paramref name="sample"/> (empty when it knows no such customer).</summary>
    Task<IReadOnlyList<ChatMessage>> StoredFromAsync(InboundSample sample);

    /// <summary>The channel's send-error classifier; null when the channel has no platform send API (the widget).</summary>
    ISendErrorClassifier? Classifier { get; }

    /// <summary>Every error the platform's send API documents, with the outcome each must mean.</summary>
    IReadOnlyList<SendErrorCase> SendErrors();
}
