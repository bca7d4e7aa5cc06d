namespace Conversations.Abstractions.Common;

/// <summary>Makes new ids. Injected so that tests can predict them and grains never call <c>Guid.NewGuid</c>.</summary>
public interface IIdGenerator
{
    /// <summary>A new unique id; ids made later sort after ids made earlier.</summary>
    Guid NewId();
}
