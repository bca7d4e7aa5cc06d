namespace Conversations.Channels.Email.Tests;

/// <summary>The e-mail tests share one mail server and one host (each class uses its own customer addresses).</summary>
[CollectionDefinition(Name)]
public sealed class EmailCollection : ICollectionFixture<EmailGatewayFixture>
{
    public const string Name = "email";
}
