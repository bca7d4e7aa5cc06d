namespace Conversations.Abstractions.Access;

/// <summary>A silo's cache of credentials (operators' security stamps, API keys), told of every change.</summary>
public interface IAccessChangeObserver : IGrainObserver
{
    /// <summary>Forget what is cached about the credential in <paramref name="change"/>.</summary>
    Task AccessChangedAsync(AccessChange change);
}
