namespace Conversations.Abstractions.Channels;

/// <summary>
/// A tenant's WhatsApp message templates (key: tenant id): registered by its admins through our API and/or synced
/// from the WhatsApp Business Accounts of its numbers. Operators pick one to write to a customer whose 24-hour window
/// has closed.
/// </summary>
public interface IMessageTemplateLibraryGrain : IGrainWithGuidKey
{
    /// <summary>All templates, by name and language.</summary>
    Task<IReadOnlyList<MessageTemplate>> ListAsync();

    /// <summary>The template <paramref name="name"/> in <paramref name="language"/>, or null.</summary>
    Task<MessageTemplate?> FindAsync(string name, string language);

    /// <summary>Adds or replaces a template an admin registered (validated; a conflict when the library is full).</summary>
    Task<MessageTemplate> RegisterAsync(MessageTemplate template);

    /// <summary>
    /// Replaces the synced templates with <paramref name="templates"/> (what Meta lists now): new and changed ones are
    /// stored, synced ones Meta no longer lists are removed, registered ones of the same name and language are replaced.
    /// Returns the library after the sync.
    /// </summary>
    Task<IReadOnlyList<MessageTemplate>> SyncAsync(IReadOnlyList<MessageTemplate> templates);

    /// <summary>Removes a template; false when there was none.</summary>
    Task<bool> RemoveAsync(string name, string language);
}
