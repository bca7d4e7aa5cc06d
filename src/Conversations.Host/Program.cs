using Conversations.Api;
using Conversations.Api.Auth;
using Conversations.Api.Network;
using Conversations.Host.Hosting;
using Conversations.ServiceDefaults;

switch (args)
{
    case ["migrate", ..]:
        return await HostCommands.MigrateAsync(args[1..]);
    case ["healthcheck", ..]:
        return await HostCommands.HealthCheckAsync();
}

var builder = WebApplication.CreateBuilder(args);
var settings = SiloSettings.From(builder.Configuration);
builder.AddServiceDefaults(Telemetry.Meters, Telemetry.Sources);
builder.ListenOnMetricsPort();
builder.AddConversationsSilo(settings);
builder.Services.AddConversationsApi(seedDemo: builder.Configuration.GetValue("Conversations:SeedDemo", !settings.IsDurable));

var app = builder.Build();
await app.PrepareStorageAsync(settings);
app.UseTrustedProxies();
app.UseRedactedRequestLogging();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseRequestLimits();
app.UseStatusCodePages();
app.UseCors();
app.UseSingleCredential();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapServiceDefaults();
app.MapConversationsApi();
app.MapGet("/", () => TypedResults.Ok(new { service = "conversations", console = "/console", widgetDemo = "/widget/demo", openapi = "/openapi/v1.json" })).ExcludeFromDescription();
await app.RunAsync();
return 0;

/// <summary>The host's entry point, visible to the functional tests (WebApplicationFactory).</summary>
public partial class Program;
