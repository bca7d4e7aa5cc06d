using Conversations.Testing;
using Orleans.TestingHost;

namespace Conversations.Grains.Tests;

/// <summary>One in-memory (embedded-mode) cluster shared by a test class.</summary>
public sealed class EmbeddedClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync() => Cluster = await TestClusters.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
