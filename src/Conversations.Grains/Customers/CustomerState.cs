using Conversations.Abstractions.Customers;

namespace Conversations.Grains.Customers;

/// <summary>Stored state of a customer.</summary>
[GenerateSerializer, Alias("conv.CustomerState")]
public sealed class CustomerState
{
    /// <summary>False until the first identity registers.</summary>
    [Id(0)]
    public bool Exists { get; set; }

    /// <summary>Name shown to operators.</summary>
    [Id(1)]
    public string DisplayName { get; set; } = "";

    /// <summary>Channel username, if any.</summary>
    [Id(2)]
    public string? Username { get; set; }

    /// <summary>Phone numbers.</summary>
    [Id(3)]
    public List<string> Phones { get; set; } = [];

    /// <summary>E-mail addresses.</summary>
    [Id(4)]
    public List<string> Emails { get; set; } = [];

    /// <summary>Channel identities.</summary>
    [Id(5)]
    public List<ChannelIdentity> Identities { get; set; } = [];

    /// <summary>Consent answers, oldest first.</summary>
    [Id(6)]
    public List<ConsentRecord> Consents { get; set; } = [];

    /// <summary>Free attributes.</summary>
    [Id(7)]
    public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The open conversation.</summary>
    [Id(8)]
    public Guid? CurrentConversationId { get; set; }

    /// <summary>First contact.</summary>
    [Id(9)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The business's own id of the customer, once its system pushed one.</summary>
    [Id(10)]
    public string? ExternalId { get; set; }

    /// <summary>The type of each attribute an integration set (absent: text).</summary>
    [Id(11)]
    public Dictionary<string, CustomerAttributeType> AttributeTypes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The conversation that closed last: a message the business starts reads its messaging windows.</summary>
    [Id(12)]
    public Guid? LastConversationId { get; set; }

    /// <summary>The customer this one was merged into: every call is forwarded there, forever.</summary>
    [Id(13)]
    public Guid? MergedInto { get; set; }

    /// <summary>Identities an unmerge moved to another customer: calls about them that still come here are forwarded there.</summary>
    [Id(14)]
    public List<IdentityRedirect> Redirects { get; set; } = [];

    /// <summary>When each attribute was last set (a merge keeps the newer value).</summary>
    [Id(15)]
    public Dictionary<string, DateTimeOffset> AttributeSetAt { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the name was last set (a merge keeps the newer name).</summary>
    [Id(16)]
    public DateTimeOffset? NameSetAt { get; set; }

    /// <summary>True when the business's system or an operator set the name: a merge keeps it over a channel's display name.</summary>
    [Id(17)]
    public bool NameVerified { get; set; }

    /// <summary>Customers merged into this one (a repeated merge takes nothing twice).</summary>
    [Id(18)]
    public List<Guid> Absorbed { get; set; } = [];

    /// <summary>The name of the customer each absorbed identity came from (by identity grain key): an unmerge gives it back.</summary>
    [Id(19)]
    public Dictionary<string, string> OriginalNames { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Operators' notes about the customer.</summary>
    [Id(20)]
    public string? Notes { get; set; }

    /// <summary>Operators' tags on the customer (normalized like conversation labels).</summary>
    [Id(21)]
    public List<string> Tags { get; set; } = [];

    /// <summary>True while the name is only made up (a website visitor's): a real one replaces it, a merge drops it first.</summary>
    [Id(22)]
    public bool NameGenerated { get; set; }
}
