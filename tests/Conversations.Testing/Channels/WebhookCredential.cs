namespace Conversations.Testing.Channels;

/// <summary>What proof of origin a conformance test puts on an inbound call.</summary>
public enum WebhookCredential
{
    /// <summary>The right secret or signature.</summary>
    Valid = 1,

    /// <summary>None at all.</summary>
    Missing = 2,

    /// <summary>A forged one.</summary>
    Wrong = 3,
}
