namespace Conversations.Channels.Webhooks;

/// <summary>How a platform writes the signature bytes into its header.</summary>
public enum SignatureEncoding
{
    /// <summary>Hexadecimal, either case.</summary>
    Hex = 1,

    /// <summary>Standard Base64.</summary>
    Base64 = 2,
}
