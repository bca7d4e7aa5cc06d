using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Grains.Infrastructure;
using Conversations.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Conversations.Grains.Tests;

/// <summary>A grain told about a committed change while it fails for a passing reason hears about it on a retry.</summary>
public sealed class AfterCommitRetryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly FlakyGrainCallFilter _customer = new(typeof(ICustomerGrain), nameof(ICustomerGrain.ConversationClosedAsync), failures: 2);
    private readonly RecordingLogger<AfterCommitCalls> _log = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await TestClusters.StartAsync(time: _clock, services: s =>
        {
            s.AddSingleton<IIncomingGrainCallFilter>(_customer);
            s.AddSingleton<ILogger<AfterCommitCalls>>(_log);
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_closed_conversation_the_customer_grain_failed_to_hear_about_reaches_it_on_a_retry()
    {
        var tenant = Guid.NewGuid();
        var first = await _cluster.Client.SendAsync(Inbound.Text(tenant, 9401, "where is my order"));
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(new ConversationKey(tenant, first.ConversationId).ToGrainKey());

        await conversation.CloseAsync(operatorId: null);
        await Eventually.HoldsAsync(() => _customer.Calls >= 1, "the customer grain refused the first call");
        await Eventually.AdvanceUntilAsync(_clock, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1),
            () => Task.FromResult(_customer.Completed == 1), "the customer grain heard that the conversation closed");

        Assert.Equal(3, _customer.Calls);
        Assert.Equal(2, _log.Entries.Count(e => e.Level == LogLevel.Warning && e.Exception is TimeoutException));
        Assert.DoesNotContain(_log.Entries, e => e.Level == LogLevel.Error);
        var next = await _cluster.Client.SendAsync(Inbound.Text(tenant, 9401, "one more question"));
        Assert.NotEqual(first.ConversationId, next.ConversationId);
    }
}
