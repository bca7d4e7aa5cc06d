using Conversations.Abstractions.Channels;
using Conversations.Persistence.Outbox;

namespace Conversations.Persistence.Postgres;

/// <summary>How a group commit's outbox rows went in: which were pushed to this silo, which wait for the poll.</summary>
internal sealed class CommittedOutbox
{
    /// <summary>Rows leased to this silo at insert, oldest first, for its dispatcher (<see cref="OutboxPush"/>).</summary>
    public List<OutboxEntry> Pushed { get; } = [];

    /// <summary>Chats whose new rows went in pending behind an open row of theirs.</summary>
    public HashSet<(Guid TenantId, ChannelAddress To)> Waiting { get; } = [];

    /// <summary>True when rows went in pending because no dispatcher took pushes.</summary>
    public bool Unpushed { get; set; }
}
