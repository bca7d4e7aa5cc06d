using Conversations.Api.Operators;

namespace Conversations.Host.Hosting;

/// <summary>Tells <see cref="ClusterChanges"/> when membership declares a silo dead.</summary>
internal sealed class ClusterMembershipWatcher(IClusterMembershipService membership, ClusterChanges changes) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var newlyDead = false;
                foreach (var member in snapshot.Members.Values)
                {
                    newlyDead |= member.Status == SiloStatus.Dead && dead.Add(member.SiloAddress);
                }

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
