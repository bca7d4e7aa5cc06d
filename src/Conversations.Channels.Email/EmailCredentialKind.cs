namespace Conversations.Channels.Email;

/// <summary>What the mailbox's credential is.</summary>
public enum EmailCredentialKind
{
    /// <summary>A password (or an app password), sent with the server's LOGIN/PLAIN mechanism.</summary>
    Password,

    /// <summary>An OAuth 2.0 access token, sent with SASL XOAUTH2 (Gmail, Microsoft 365, which no longer take passwords).</summary>
    OAuth2,
}
