using Conversations.Abstractions.Tenants;

namespace Conversations.Grains.Tenants;

/// <summary>Stored state of a canned reply library.</summary>
[GenerateSerializer, Alias("conv.CannedReplyLibraryState")]
public sealed class CannedReplyLibraryState
{
    /// <summary>Replies by id.</summary>
    [Id(0)]
    public Dictionary<Guid, CannedReply> Replies { get; set; } = [];
}
