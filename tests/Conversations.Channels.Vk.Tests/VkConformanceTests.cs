using Conversations.Testing.Channels;

namespace Conversations.Channels.Vk.Tests;

/// <summary>VK passes the conformance suite every channel passes.</summary>
public sealed class VkConformanceTests(VkConformanceDriver vk)
    : ChannelConformanceTests<VkConformanceDriver>(vk), IClassFixture<VkConformanceDriver>;
