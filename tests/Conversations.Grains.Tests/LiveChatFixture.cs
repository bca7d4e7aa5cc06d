using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Conversations;
using Conversations.Grains.Operators;
using Conversations.Grains.Tenants;
using Conversations.Persistence.Outbox;
using Conversations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Conversations.Grains.Tests;

/// <summary>An embedded cluster on a fake clock: hours pass in milliseconds, nothing sleeps.</summary>
public sealed class LiveChatFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)); // a Monday

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Grains => Cluster.Client;

    public IOutboxStore Outbox => Cluster.Silos[0].ServiceProvider.GetRequiredService<IOutboxStore>();

    public async Task InitializeAsync() => Cluster = await TestClusters.StartAsync(time: Clock);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A fresh tenant with the given settings (defaults otherwise).</summary>
    public async Task<Guid> NewTenantAsync(Func<TenantSettings, TenantSettings>? settings = null)
    {
        var tenant = await Grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key)
            .CreateTenantAsync("t-" + Guid.NewGuid().ToString("N")[..12], "Shop");
        if (settings is not null)
        {
            await Grains.GetGrain<ITenantGrain>(tenant.TenantId).UpdateSettingsAsync(settings(TenantSettings.Default));
        }

        return tenant.TenantId;
    }

    public async Task<OperatorRef> NewOperatorAsync(Guid tenantId, string name, OperatorPresence presence = OperatorPresence.Offline, int capacity = 5)
    {
        var created = await Grains.GetGrain<ITenantGrain>(tenantId).AddOperatorAsync(
            new NewOperator(name.ToLowerInvariant() + Guid.NewGuid().ToString("N")[..4], name, OperatorRole.Operator, capacity, "correct horse battery"));
        if (presence != OperatorPresence.Offline)
        {
            await Operator(tenantId, created.OperatorId).SetPresenceAsync(presence);
        }

        return new OperatorRef(created.OperatorId, name);
    }

    public IOperatorGrain Operator(Guid tenantId, Guid operatorId) =>
        Grains.GetGrain<IOperatorGrain>(new OperatorKey(tenantId, operatorId).ToGrainKey());

    public IConversationGrain Conversation(Guid tenantId, Guid conversationId) =>
        Grains.GetGrain<IConversationGrain>(new ConversationKey(tenantId, conversationId).ToGrainKey());

    public async Task<IReadOnlyList<ChatMessage>> ToCustomerAsync(IConversationGrain conversation) =>
        [.. (await conversation.GetHistoryAsync(new HistoryQuery(Limit: 500))).Where(m => m.Direction is MessageDirection.Bot or MessageDirection.Operator)];

    /// <summary>Moves the clock by <paramref name="by"/> in one go (timer callbacks due on the way are queued to their grains).</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by);
}
