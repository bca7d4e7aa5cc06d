namespace Conversations.Api.Tests.EventsOut;

/// <summary>The API fixture with loopback webhook endpoints allowed and events queued and sent every 100 ms.</summary>
public sealed class WebhookApiFixture : ApiFixture
{
    /// <inheritdoc />
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Conversations:Webhooks:FlushInterval"] = "00:00:00.1",
        ["Conversations:Webhooks:PollInterval"] = "00:00:00.1",
    };
}
