using Conversations.Testing;

namespace Conversations.Channels.Meta.Tests;

/// <summary>The WhatsApp host with every store on real PostgreSQL (group commit, dedup index, outbox, grain state).</summary>
public sealed class WhatsAppOnPostgresFixture : WhatsAppGatewayFixture
{
    private readonly PostgresDatabase _database = new();

    protected override string? Postgres => _database.ConnectionString;

    public override async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
