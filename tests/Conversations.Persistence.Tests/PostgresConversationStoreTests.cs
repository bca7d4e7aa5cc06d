using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Conversations;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Postgres;
using Conversations.Persistence.Schema;
using Conversations.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Conversations.Persistence.Tests;

public sealed class PostgresConversationStoreTests : ConversationStoreContract, IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly PostgresDatabase _database;
    private GroupCommitWriter? _writer;
    private PostgresConversationStore? _store;

    public PostgresConversationStoreTests(PostgresDatabase database) => _database = database;

    protected override IConversationStore Store => _store!;

    public Task InitializeAsync()
    {
        _writer = new GroupCommitWriter(_database.DataSource,
            Options.Create(new BatchWriterOptions { MaxBatchSize = 64, Writers = 2 }), NullLogger<GroupCommitWriter>.Instance);
        _writer.Start();
        _store = new PostgresConversationStore(_writer, new ConversationReads(_database.DataSource));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _writer!.DisposeAsync();

    [Fact]
    public async Task A_duplicate_in_a_shared_batch_fails_alone_and_the_other_commits_land()
    {
        var tenant = Guid.NewGuid();
        var victim = new CommitBuilder(tenant);
        await Store.CommitAsync(victim.Customer("original", dedupKey: "dup"));
        var others = Enumerable.Range(0, 30).Select(_ => new CommitBuilder(tenant)).ToList();

        // Queued together, so they share transactions with the duplicate.
        var duplicate = Store.CommitAsync(victim.Customer("redelivered", dedupKey: "dup"));
        var rest = others.Select(o => Store.CommitAsync(o.Customer("fine"))).ToList();

        await Assert.ThrowsAsync<DuplicateMessageException>(() => duplicate);
        await Task.WhenAll(rest);
        foreach (var other in others)
        {
            Assert.Single(await Store.ReadMessagesAsync(tenant, other.ConversationId, new HistoryQuery()));
        }
    }

    [Fact]
    public async Task Stopping_the_writer_writes_every_commit_already_queued_and_then_refuses_new_ones()
    {
        var tenant = Guid.NewGuid();
        var writer = new GroupCommitWriter(_database.DataSource, Options.Create(new BatchWriterOptions { MaxBatchSize = 8, Writers = 1 }), NullLogger<GroupCommitWriter>.Instance);
        writer.Start();
        var conversations = Enumerable.Range(0, 40).Select(_ => new CommitBuilder(tenant)).ToList();
        var queued = conversations.Select(c => writer.CommitAsync(c.Customer("before the stop"))).ToList();

        await writer.DrainAsync(CancellationToken.None);

        Assert.All(queued, q => Assert.True(q.IsCompletedSuccessfully));
        foreach (var conversation in conversations)
        {
            Assert.Single(await Store.ReadMessagesAsync(tenant, conversation.ConversationId, new HistoryQuery()));
        }

        await Assert.ThrowsAsync<StoreUnavailableException>(() => writer.CommitAsync(new CommitBuilder(tenant).Customer("after the stop")));
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task Migrations_apply_once_and_a_second_run_changes_nothing()
    {
        var migrator = new SchemaMigrator(_database.DataSource, NullLogger<SchemaMigrator>.Instance);

        var again = await migrator.MigrateAsync();

        Assert.Empty(again);
        await using var command = _database.DataSource.CreateCommand("SELECT count(*) FROM conversations_schema_migrations");
        Assert.Equal((long)SchemaMigrator.Migrations.Count, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Hostile_text_is_stored_verbatim()
    {
        var conversation = new CommitBuilder(Guid.NewGuid());
        const string hostile = "'); DROP TABLE messages; -- <script>alert(1)</script> \u202Eשלום 🙂 \u0000x";
        var text = hostile.Replace("\u0000", "", StringComparison.Ordinal); // PostgreSQL text cannot hold NUL; the gateway strips it
        await Store.CommitAsync(conversation.Customer(text));

        var history = await Store.ReadMessagesAsync(conversation.TenantId, conversation.ConversationId, new HistoryQuery());
        Assert.Equal(text, ((TextContent)history.Single().Content).Text);
    }
}
