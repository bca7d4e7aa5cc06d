namespace Conversations.Client.Tests;

/// <summary>The tests against the real host share one: starting a silo takes seconds.</summary>
[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}
