namespace Conversations.Persistence.Media;

/// <summary>A claimed <see cref="MediaFetch"/>: its row id and how many attempts came before.</summary>
/// <param name="Id">The queue row.</param>
/// <param name="Fetch">What to fetch.</param>
/// <param name="Attempts">Earlier attempts.</param>
public sealed record MediaFetchEntry(long Id, MediaFetch Fetch, int Attempts);
