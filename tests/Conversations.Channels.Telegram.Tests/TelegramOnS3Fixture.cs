using Conversations.Testing;
using Conversations.Testing.S3;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>The gateway on real PostgreSQL with the media store's bytes in an S3 bucket (the S3 stand-in), configured as production would be.</summary>
public sealed class TelegramOnS3Fixture : TelegramGatewayFixture
{
    public const string Bucket = "conversations-media";

    private readonly PostgresDatabase _database = new();

    public S3StandIn S3 { get; private set; } = null!;

    protected override string? Postgres => _database.ConnectionString;

    protected override Dictionary<string, string?> Settings => new(base.Settings)
    {
        ["Conversations:Media:Store"] = "S3",
        ["Conversations:Media:S3:Bucket"] = Bucket,
        ["Conversations:Media:S3:ServiceUrl"] = S3.BaseUrl,
        ["Conversations:Media:S3:Region"] = "us-east-1",
        ["Conversations:Media:S3:ForcePathStyle"] = "true",
        ["Conversations:Media:S3:AccessKey"] = S3StandIn.AccessKey,
        ["Conversations:Media:S3:SecretKey"] = S3StandIn.SecretKey,
    };

    public override async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        S3 = await S3StandIn.StartAsync(Bucket);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await S3.DisposeAsync();
        await _database.DisposeAsync();
    }
}
