using Conversations.Persistence.Conversations;
using Conversations.Persistence.Outbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Testing;

/// <summary>
/// The real silo host (Program.cs: Orleans, channels, API) in the test process, configured like production:
/// embedded or on a test PostgreSQL database, its Telegram client pointed at a stand-in, optionally on a fake clock
/// (our code, grain timers and reminders move only when the test advances it; Orleans' own loops keep real time).
/// </summary>
public sealed class ConversationsApp : WebApplicationFactory<Program>
{
    /// <summary>The platform administrator's key in tests.</summary>
    public const string PlatformKey = "test-platform-key";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>Creates the app; call <see cref="WebApplicationFactory{T}.CreateClient()"/> or <see cref="StartKestrel"/> to start it.</summary>
    public ConversationsApp(string? postgres = null, string? telegramApi = null, FakeTimeProvider? time = null, bool seedDemo = true,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Time = time;
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres ?? "",
            ["Orleans:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
            ["Channels:Telegram:ApiBaseUrl"] = telegramApi,
            ["Platform:ApiKey"] = PlatformKey,
            ["Conversations:SeedDemo"] = seedDemo ? "true" : "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The fake clock, when the app runs on one.</summary>
    public FakeTimeProvider? Time { get; }

    /// <summary>A service of the running app.</summary>
    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The grain factory of the running silo.</summary>
    public IGrainFactory Grains => Service<IGrainFactory>();

    /// <summary>The conversation store of the running silo.</summary>
    public IConversationStore Store => Service<IConversationStore>();

    /// <summary>The outbox of the running silo.</summary>
    public IOutboxStore Outbox => Service<IOutboxStore>();

    /// <summary>Serves on a real loopback port (for the browser) and returns its base address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");
        if (Time is { } fake)
        {
            builder.ConfigureTestServices(services => TestClusters.UseFakeTime(services, fake));
        }

        if (_services is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }
}
