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
builder.AddConversationsSilo(settings);

var app = builder.Build();
await app.PrepareStorageAsync(settings);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapServiceDefaults();
app.MapGet("/", () => TypedResults.Ok(new { service = "conversations", docs = "/openapi/v1.json" })).ExcludeFromDescription();
await app.RunAsync();
return 0;
