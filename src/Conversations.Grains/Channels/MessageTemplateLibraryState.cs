using Conversations.Abstractions.Channels;

namespace Conversations.Grains.Channels;

/// <summary>Stored state of a tenant's WhatsApp template library.</summary>
[GenerateSerializer, Alias("conv.MessageTemplateLibraryState")]
public sealed class MessageTemplateLibraryState
{
    /// <summary>Templates by <see cref="MessageTemplate.KeyOf"/>.</summary>
    [Id(0)]
    public Dictionary<string, MessageTemplate> Templates { get; set; } = [];
}
