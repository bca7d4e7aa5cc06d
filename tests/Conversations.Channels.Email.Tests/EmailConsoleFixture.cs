namespace Conversations.Channels.Email.Tests;

/// <summary>The e-mail gateway served on a real port, for the admin console in Chromium.</summary>
public sealed class EmailConsoleFixture : EmailGatewayFixture
{
    /// <inheritdoc />
    protected override bool ServesBrowser => true;
}
