using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>Runs alone: it counts the server's write transactions, which other classes' databases would add to.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HotPathCountsCollection
{
    public const string Name = "hot path counts";
}

/// <summary>
/// What one Telegram text costs the database, by counts that a busy machine cannot change: write transactions (the
/// server's transaction-id counter moves once per transaction that writes, and read-only polling moves it not at all)
/// and rows. Messages go one at a time, so no two share a group commit: the worst case, and a regression guard.
/// </summary>
[Collection(HotPathCountsCollection.Name)]
public sealed class HotPathCountsTests(TelegramOnPostgresFixture telegram, ITestOutputHelper output) : IClassFixture<TelegramOnPostgresFixture>
{
    private const int Users = 8;

    [Fact]
    public async Task A_known_customers_answered_text_is_one_write_transaction_and_its_delivery_one_more()
    {
        var users = Enumerable.Range(0, Users).Select(_ => Fixture.NewUserId()).ToArray();
        var before = await CountAsync();
        foreach (var user in users)
        {
            await SendAndWaitForDeliveryAsync(user, 1);
        }

        var afterNew = await CountAsync();
        const int Rounds = 2;
        for (var round = 2; round <= Rounds + 1; round++)
        {
            telegram.Clock.Advance(TimeSpan.FromSeconds(5)); // past the per-chat pacing
            foreach (var user in users)
            {
                await SendAndWaitForDeliveryAsync(user, round);
            }
        }

        var after = await CountAsync();
        var newCustomer = afterNew.PerMessage(before, Users);
        var known = after.PerMessage(afterNew, Users * Rounds);
        output.WriteLine($"new customer, per first message: {newCustomer}");
        output.WriteLine($"known customer, per message:     {known}");

        // A bot turn is one commit: message, reply, outbox row (pushed: leased to this silo as it is inserted) and cursor;
        // then the sent outcome. No claim: a claim is an UPDATE of the row, a write transaction of its own (there were 3).
        Assert.Equal(2, known.Messages);
        Assert.Equal(1, known.OutboxRows);
        Assert.True(known.WriteTransactions <= 2.2, $"{known.WriteTransactions} write transactions per answered message (2: the turn and the outcome)");
    }

    private async Task SendAndWaitForDeliveryAsync(long user, int replies)
    {
        (await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "/start"))).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => telegram.RepliesTo(user).Count == replies
            && (await telegram.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "the reply sent and recorded");
    }

    private async Task<Counts> CountAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresDatabase.ServerConnectionString()) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint", connection);
        var xid = (long)(await command.ExecuteScalarAsync())!;
        var messages = 0L;
        var outbox = 0L;
        foreach (var user in telegram.BotApi.CallsOf("sendMessage").Select(c => c.Field("chat_id")).Distinct())
        {
            var history = await telegram.HistoryAsync(long.Parse(user!, CultureInfo.InvariantCulture));
            messages += history.Count;
            outbox += history.Count(m => m.Direction == MessageDirection.Bot);
        }

        return new Counts(xid, messages, outbox);
    }

    private sealed record Counts(double WriteTransactions, double Messages, double OutboxRows)
    {
        public Counts PerMessage(Counts earlier, int sent) => new(
            (WriteTransactions - earlier.WriteTransactions) / sent, (Messages - earlier.Messages) / sent, (OutboxRows - earlier.OutboxRows) / sent);

        public override string ToString() => FormattableString.Invariant($"{WriteTransactions:0.##} write transactions, {Messages:0.##} message rows, {OutboxRows:0.##} outbox rows");
    }
}
