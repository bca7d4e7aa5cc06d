using System.Globalization;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;

namespace Conversations.Channels.Meta.Tests;

/// <summary>The WhatsApp host with an SMTP server for the business's notifications, and a tenant that has a notification e-mail.</summary>
public sealed class WhatsAppNotifyingFixture : WhatsAppGatewayFixture
{
    public const string NotificationEmail = "owner@shop.example";

    public SmtpSink Smtp { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.Grains.GetGrain<ITenantGrain>(TenantId).UpdateSettingsAsync(TenantSettings.Default with { NotificationEmails = [NotificationEmail] });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Notifications:Smtp:Host", "127.0.0.1"),
        new("Notifications:Smtp:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture)),
        new("Notifications:Smtp:From", "bot@conversations.example"),
    ];
}
