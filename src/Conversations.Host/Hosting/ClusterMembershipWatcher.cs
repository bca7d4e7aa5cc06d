using Conversations.Api.Operators;
using Conversations.Channels.Delivery;

namespace Conversations.Host.Hosting;

/// <summary>
/// Follows cluster membership: tells <see cref="ClusterChanges"/> when a silo is declared dead, and
/// <see cref="DeliveryShare"/> how many silos are active (each paces a channel account at its share of the budget).
/// </summary>
internal sealed class ClusterMembershipWatcher(IClusterMembershipService membership, ClusterChanges changes, DeliveryShare share) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var newlyDead = false;
                var active = 0;
                foreach (var member in snapshot.Members.Values)
                {
                    newlyDead |= member.Status == SiloStatus.Dead && dead.Add(member.SiloAddress);
                    active += member.Status == SiloStatus.Active ? 1 : 0;
                }

                share.SetActiveSilos(active);
                if (newlyDead)
                {
                    changes.SiloDied();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
