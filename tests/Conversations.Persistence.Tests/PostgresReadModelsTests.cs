using Conversations.Persistence.Conversations;
using Conversations.Persistence.Postgres;
using Conversations.Persistence.Queries;
using Conversations.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Persistence.Tests;

public sealed class PostgresReadModelsTests(PostgresDatabase database) : ReadModelsContract, IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private GroupCommitWriter? _writer;
    private PostgresConversationStore? _store;

    protected override IConversationStore Store => _store!;

    protected override IReadModels Read => new PostgresReadModels(database.DataSource);

    public Task InitializeAsync()
    {
        _writer = new GroupCommitWriter(database.DataSource, Options.Create(new BatchWriterOptions()), NullLogger<GroupCommitWriter>.Instance);
        _writer.Start();
        _store = new PostgresConversationStore(_writer, new ConversationReads(database.DataSource));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _writer!.DisposeAsync();

    [Fact]
    public async Task The_feed_catch_up_reads_through_the_changed_index_and_a_message_within_the_minute_stays_a_hot_update()
    {
        var conversation = new CommitBuilder(Guid.NewGuid());
        var first = conversation.Customer("first");
        await Store.CommitAsync(first);

        // The plan: with sequential scans priced out, the catch-up's query uses conversations_changed (0010); without
        // that index it would still scan the table.
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var off = new NpgsqlCommand("SET LOCAL enable_seqscan = off", connection, transaction))
            {
                await off.ExecuteNonQueryAsync();
            }

            await using var explain = new NpgsqlCommand("""
                EXPLAIN SELECT conversation_id FROM conversations
                WHERE tenant_id = @tenant AND activity_minute >= date_trunc('minute', timezone('UTC', @since)) AND last_activity_at >= @since
                ORDER BY last_activity_at, conversation_id LIMIT 500
                """, connection, transaction);
            explain.Parameters.Add(new NpgsqlParameter<Guid>("tenant", conversation.TenantId));
            explain.Parameters.Add(new NpgsqlParameter<DateTime>("since", first.Conversation.LastActivityAt.UtcDateTime));
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(0));
                }
            }

            Assert.Contains(plan, line => line.Contains("conversations_changed", StringComparison.Ordinal));
        }

        // HOT, counted inside one transaction (pg_stat_xact_user_tables): a change within the same minute leaves the
        // indexed minute as it was, so the row's new version adds no index entry; a change in the next minute does.
        await using var hot = await database.DataSource.OpenConnectionAsync();
        await using var work = await hot.BeginTransactionAsync();
        async Task<long> HotCountAsync()
        {
            await using var count = new NpgsqlCommand("SELECT n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname = 'conversations'", hot, work);
            return (long)(await count.ExecuteScalarAsync())!;
        }

        // The count of this backend's transaction (it may also hold earlier transactions' counts not yet flushed: a delta).
        async Task<long> HotUpdatesOfAsync(TimeSpan later)
        {
            var before = await HotCountAsync();
            await using var touch = new NpgsqlCommand("""
                UPDATE conversations SET last_activity_at = last_activity_at + @later, last_seq = last_seq + 1, version = version + 1
                WHERE tenant_id = @tenant AND conversation_id = @conversation
                """, hot, work);
            touch.Parameters.Add(new NpgsqlParameter<TimeSpan>("later", later));
            touch.Parameters.Add(new NpgsqlParameter<Guid>("tenant", conversation.TenantId));
            touch.Parameters.Add(new NpgsqlParameter<Guid>("conversation", conversation.ConversationId));
            Assert.Equal(1, await touch.ExecuteNonQueryAsync());
            return await HotCountAsync() - before;
        }

        Assert.Equal(1, await HotUpdatesOfAsync(TimeSpan.FromSeconds(1))); // CommitBuilder's first message is at 10:00:01
        Assert.Equal(0, await HotUpdatesOfAsync(TimeSpan.FromMinutes(1))); // not HOT: the minute in the index changed
    }
}
