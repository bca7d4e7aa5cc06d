namespace Conversations.Channels.Vk;

/// <summary>Settings of the VK gateway (section <c>Channels:Vk</c>).</summary>
public sealed class VkOptions
{
    /// <summary>The VK API version every call and the Callback server are pinned to (dev.vk.com/reference/versions).</summary>
    public const string ApiVersion = "5.199";

    /// <summary>The VK API server; null means VK's (<c>https://api.vk.com</c>). Tests point it at a stand-in.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>This deployment's public HTTPS base URL; when set, connecting a community registers
    /// <c>{PublicBaseUrl}/webhooks/vk/{groupId}</c> as its Callback API server.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Largest text kept from one message (VK's own limit on messages is 9000 characters).</summary>
    public int MaxTextLength { get; set; } = 16_384;
}
