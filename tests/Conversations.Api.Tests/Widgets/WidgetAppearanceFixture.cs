namespace Conversations.Api.Tests.Widgets;

/// <summary>The API host with a write budget the appearance fuzz test cannot exhaust (so no test here meets a 429).</summary>
public sealed class WidgetAppearanceFixture : ApiFixture
{
    /// <inheritdoc />
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Auth:WritesPerSecond"] = "10000";
            return settings;
        }
    }
}
