namespace Conversations.Api.Contracts.Channels;

/// <summary>What a mailbox's credential is.</summary>
public enum EmailCredentialKind
{
    /// <summary>A password or an app password.</summary>
    Password,

    /// <summary>An OAuth 2.0 access token, sent with SASL XOAUTH2 (Gmail, Microsoft 365).</summary>
    OAuth2,
}
