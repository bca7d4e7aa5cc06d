using Conversations.Abstractions.Channels;
using Conversations.Channels.Delivery;
using Conversations.Persistence.Postgres;
using Conversations.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// WhatsApp's pair rate (about one message every 6 s to one customer after a burst of 45) is the cluster's, not a
/// silo's: two silos, each with its own memory and its own connections, share the pace through one PostgreSQL database.
/// </summary>
public sealed class WhatsAppPairPaceTests : IAsyncLifetime
{
    private const string Number = "106540352242922";
    private readonly PostgresDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly List<NpgsqlDataSource> _sources = [];

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var source in _sources)
        {
            await source.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_whose_chat_moves_to_another_silo_gets_no_second_burst_there_while_another_customer_still_gets_one()
    {
        var (first, second) = (Silo(), Silo());
        var customer = To("15550001");

        for (var sent = 0; sent < 45; sent++)
        {
            Assert.Null(await first.TryTakeAsync(customer, default));
        }

        var refusedOnFirst = await first.TryTakeAsync(customer, default);
        var refusedOnSecond = await second.TryTakeAsync(customer, default);
        var otherCustomer = await second.TryTakeAsync(To("15550002"), default);
        _clock.Advance(TimeSpan.FromSeconds(6));
        var afterSixSeconds = await second.TryTakeAsync(customer, default);
        var rightAfter = await second.TryTakeAsync(customer, default);

        Assert.Equal(TimeSpan.FromSeconds(6), refusedOnFirst);
        Assert.Equal(TimeSpan.FromSeconds(6), refusedOnSecond);
        Assert.Null(otherCustomer);
        Assert.Null(afterSixSeconds);
        Assert.Equal(TimeSpan.FromSeconds(6), rightAfter);
    }

    [Fact]
    public async Task After_metas_pair_rate_refusal_on_one_silo_the_other_waits_the_4_to_the_x_seconds_and_then_sends_at_the_pair_rate_without_a_burst()
    {
        var (first, second) = (Silo(), Silo());
        var customer = To("15550003");
        Assert.Null(await first.TryTakeAsync(customer, default));

        // Meta answered 131056 to the first attempt: 4^1 s.
        await first.HoldOffAsync(customer, _clock.GetUtcNow() + TimeSpan.FromSeconds(4), default);
        var during = await second.TryTakeAsync(customer, default);
        _clock.Advance(TimeSpan.FromSeconds(4));
        var then = await second.TryTakeAsync(customer, default);
        var next = await second.TryTakeAsync(customer, default);

        Assert.Equal(TimeSpan.FromSeconds(4), during);
        Assert.Null(then);
        Assert.Equal(TimeSpan.FromSeconds(6), next);
    }

    [Fact]
    public async Task Two_silos_racing_for_one_customer_at_the_same_instant_get_one_burst_between_them()
    {
        var (first, second) = (Silo(), Silo());
        var customer = To("15550004");

        var takes = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => (i % 2 == 0 ? first : second).TryTakeAsync(customer, default)));

        Assert.Equal(45, takes.Count(wait => wait is null));
    }

    [Fact]
    public async Task Idle_customers_are_forgotten_and_start_again_with_a_full_burst()
    {
        var silo = Silo();
        var store = new PostgresRecipientPaceStore(Source());
        var customer = To("15550005");
        for (var sent = 0; sent < 45; sent++)
        {
            Assert.Null(await silo.TryTakeAsync(customer, default));
        }

        var busy = await store.ForgetIdleAsync(_clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(6 * 45));
        var idle = await store.ForgetIdleAsync(_clock.GetUtcNow());

        Assert.Equal(0, busy);
        Assert.Equal(1, idle);
        for (var sent = 0; sent < 45; sent++)
        {
            Assert.Null(await silo.TryTakeAsync(customer, default));
        }
    }

    private static ChannelAddress To(string waId) => new(ChannelKind.WhatsApp, Number, waId);

    /// <summary>One silo's pace: its own pacer (memory) and its own connections to the shared database.</summary>
    private RecipientPace Silo()
    {
        var options = Options.Create(new DeliveryOptions());
        var pacer = new DeliveryPacer(options, _clock, new DeliveryShare());
        return new RecipientPace(new PostgresRecipientPaceStore(Source()), pacer, options, _clock, NullLogger<RecipientPace>.Instance);
    }

    private NpgsqlDataSource Source()
    {
        var source = NpgsqlDataSource.Create(_database.ConnectionString);
        _sources.Add(source);
        return source;
    }
}
