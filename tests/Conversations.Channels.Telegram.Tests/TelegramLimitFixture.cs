namespace Conversations.Channels.Telegram.Tests;

/// <summary>The gateway with a webhook limit of two updates at once and one a minute per bot.</summary>
public sealed class TelegramLimitFixture : TelegramGatewayFixture
{
    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["AbuseLimits:TelegramUpdatesPerBot:Burst"] = "2";
            settings["AbuseLimits:TelegramUpdatesPerBot:PerMinute"] = "1";
            return settings;
        }
    }
}
