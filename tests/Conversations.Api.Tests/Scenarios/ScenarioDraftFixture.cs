namespace Conversations.Api.Tests.Scenarios;

/// <summary>The API host for the draft tests: a fuzz run and the tests beside it write faster than an admin's write limit allows.</summary>
public sealed class ScenarioDraftFixture : ApiFixture
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
