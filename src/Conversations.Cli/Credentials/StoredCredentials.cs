namespace Conversations.Cli.Credentials;

/// <summary>What <c>conversations login</c> remembers: the server, who signed in, and their token.</summary>
internal sealed record StoredCredentials(
    Uri Server,
    string Tenant,
    string Username,
    string DisplayName,
    string AccessToken,
    DateTimeOffset ExpiresAt);
