namespace Conversations.Api.Contracts.Channels;

/// <summary>How a connection to the mail server is secured.</summary>
public enum EmailTlsMode
{
    /// <summary>TLS from the first byte (IMAPS 993, SMTPS 465).</summary>
    SslOnConnect,

    /// <summary>A plain connection upgraded with STARTTLS, refused when the server does not offer it (IMAP 143, submission 587).</summary>
    StartTls,

    /// <summary>No TLS: only for a server on the same private network.</summary>
    None,
}
