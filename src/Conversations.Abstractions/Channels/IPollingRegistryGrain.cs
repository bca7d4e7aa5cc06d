namespace Conversations.Abstractions.Channels;

/// <summary>The channel accounts of one channel kind that receive updates by polling (key: the <see cref="ChannelKind"/> as a number).</summary>
public interface IPollingRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds (or removes) an account from the polling list.</summary>
    Task SetPollingAsync(ChannelAccountKey account, bool polling);

    /// <summary>Accounts to poll.</summary>
    Task<IReadOnlyList<ChannelAccountKey>> ListAsync();
}
