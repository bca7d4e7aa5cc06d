namespace Conversations.Channels.Email;

/// <summary>One mail server the mailbox talks to.</summary>
/// <param name="Host">Host name.</param>
/// <param name="Port">TCP port.</param>
/// <param name="Tls">How the connection is secured.</param>
public sealed record EmailServer(string Host, int Port, EmailTlsMode Tls);
