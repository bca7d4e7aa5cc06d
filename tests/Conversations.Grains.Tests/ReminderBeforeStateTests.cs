using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Conversations;
using Conversations.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Conversations.Grains.Tests;

/// <summary>
/// On real PostgreSQL: a live chat's durable reminder is written before the state that needs it, so no stored live chat
/// is ever without the reminder that releases it (a crash between the two writes, or a database restored to a point
/// between them, would otherwise leave a chat that nothing ever wakes).
/// </summary>
public sealed class ReminderBeforeStateTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task While_the_reminder_cannot_be_written_the_taken_chat_is_not_stored_as_live()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var cluster = await TestClusters.StartAsync(database.ConnectionString, silos: 1, time: clock, serviceId: "order-" + Guid.NewGuid().ToString("N")[..8]);
        var grains = cluster.Client;
        var tenant = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).CreateTenantAsync("order-shop", "Order shop");
        var olga = await grains.GetGrain<ITenantGrain>(tenant.TenantId).AddOperatorAsync(
            new NewOperator("olga", "Olga", OperatorRole.Operator, 50, "correct horse battery"));
        var conversation = grains.Conversation(await grains.SendAsync(Inbound.Text(tenant.TenantId, 20_001, "hello")));
        var id = ConversationKey.Parse(conversation.GetPrimaryKeyString()).ConversationId;

        // Hold the reminders table: the take's reminder write waits for it.
        await using var blocker = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE orleansreminderstable IN ACCESS EXCLUSIVE MODE", blocker, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var take = conversation.TakeAsync(new OperatorRef(olga.OperatorId, "Olga"));
        await Eventually.HoldsAsync(async () => await WaitingOnTheLockAsync(), "the take waiting for the reminders table");
        Assert.NotEqual(ConversationStatus.LiveChat, await StoredStatusAsync(id));

        await transaction.RollbackAsync();
        Assert.Equal(ConversationStatus.LiveChat, (await take).Status);
        Assert.Equal(ConversationStatus.LiveChat, await StoredStatusAsync(id));
        Assert.Equal(1, await RemindersOfAsync(conversation.GetPrimaryKeyString()));
    }

    private async Task<bool> WaitingOnTheLockAsync()
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_locks WHERE relation = 'orleansreminderstable'::regclass AND NOT granted");
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private async Task<ConversationStatus> StoredStatusAsync(Guid conversationId)
    {
        await using var command = database.DataSource.CreateCommand("SELECT status FROM conversations WHERE conversation_id = @id");
        command.Parameters.AddWithValue("id", conversationId);
        return (ConversationStatus)(short)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> RemindersOfAsync(string grainKey)
    {
        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM orleansreminderstable WHERE grainid LIKE '%' || @key");
        command.Parameters.AddWithValue("key", grainKey);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
