using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Bot;

/// <summary>A tenant's FAQ at one version: what GET answers and what PUT takes.</summary>
/// <param name="Version">Grows with every change (not checked on PUT).</param>
/// <param name="Entries">The entries.</param>
public sealed record KnowledgeBase(
    long Version,
    [property: MaxLength(FieldLimits.FaqEntries)] IReadOnlyList<KnowledgeEntry> Entries);
