namespace Conversations.Abstractions.Tenants;

/// <summary>A tenant's library of canned replies (key: tenant id), with a usage counter per reply.</summary>
public interface ICannedReplyLibraryGrain : IGrainWithGuidKey
{
    /// <summary>All replies, by shortcut.</summary>
    Task<IReadOnlyList<CannedReply>> ListAsync();

    /// <summary>Adds or replaces a reply (its counter is kept); validated as a whole.</summary>
    Task<CannedReply> SaveAsync(CannedReply reply);

    /// <summary>Removes a reply.</summary>
    Task DeleteAsync(Guid id);

    /// <summary>Takes a reply for sending and counts the use (every use counts, even concurrent ones).</summary>
    Task<CannedReply> UseAsync(Guid id);
}
