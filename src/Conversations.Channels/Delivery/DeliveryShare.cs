namespace Conversations.Channels.Delivery;

/// <summary>
/// How many silos deliver at once, so each paces an account at its share of the account's budget and the cluster
/// together never exceeds it (WhatsApp's 80 messages a second per number are the number's, not a silo's). The host
/// keeps it current from cluster membership (active silos); reading it is one volatile read on the send path.
/// </summary>
public sealed class DeliveryShare
{
    private int _silos = 1;

    /// <summary>Active silos, at least 1.</summary>
    public int Silos => Volatile.Read(ref _silos);

    /// <summary>Membership changed: <paramref name="activeSilos"/> silos are active now.</summary>
    public void SetActiveSilos(int activeSilos) => Volatile.Write(ref _silos, Math.Max(1, activeSilos));
}
