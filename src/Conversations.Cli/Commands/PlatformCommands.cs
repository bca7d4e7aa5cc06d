using System.CommandLine;
using System.Net;
using Conversations.Client;

namespace Conversations.Cli.Commands;

/// <summary><c>platform</c>: the platform administrator's commands (authenticated by the platform key, not a login).</summary>
internal static class PlatformCommands
{
    public static Command Create(CliContext context) =>
        new("platform", "Platform administration (needs the platform key)")
        {
            CreateTenant(context), PlatformPlanCommands.Plans(context), PlatformPlanCommands.TenantPlan(context),
        };

    /// <summary>The <c>--platform-key</c> option every platform command takes.</summary>
    public static Option<string?> KeyOption() =>
        new("--platform-key") { Description = "The platform administrator's key (also CONVERSATIONS_PLATFORM_KEY)" };

    /// <summary>
    /// Runs <paramref name="call"/> with a platform client; a refused key is an authentication failure (exit 3), not a
    /// request to log in.
    /// </summary>
    public static async Task<T> CallAsync<T>(CliContext context, ParseResult parse, Option<string?> key,
        Func<ConversationsPlatformClient, Task<T>> call)
    {
        var server = context.ServerOf(parse);
        var platformKey = parse.GetValue(key) ?? context.Environment.Variable("CONVERSATIONS_PLATFORM_KEY")
            ?? throw new CliException(ExitCodes.Usage, "No platform key: pass --platform-key or set CONVERSATIONS_PLATFORM_KEY (the server's Platform__ApiKey).");
        using var http = context.Environment.CreateHttpClient(server);
        try
        {
            return await call(new ConversationsPlatformClient(http, platformKey));
        }
        catch (ConversationsApiException ex) when (ex.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // Not about logging in: the platform key is wrong, or the server has none configured.
            throw new CliException(ExitCodes.Auth, $"{ex.Title}: {ex.Detail}");
        }
    }

    private static Command CreateTenant(CliContext context)
    {
        var key = KeyOption();
        var slug = new Option<string>("--slug") { Description = "Short unique name for logins and URLs (lowercase letters, digits, dashes)", Required = true };
        var name = new Option<string>("--name") { Description = "The business's name", Required = true };
        var adminUsername = new Option<string>("--admin-username") { Description = "The first admin's username", Required = true };
        var adminPassword = new Option<string?>("--admin-password") { Description = "Their password, 8 characters or more (also CONVERSATIONS_ADMIN_PASSWORD)" };
        var plan = new Option<string?>("--plan") { Description = "The plan that bounds its work (default: the server's Platform__DefaultPlan, if set)" };
        var command = new Command("create-tenant", "Create a tenant with its first admin") { key, slug, name, adminUsername, adminPassword, plan };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var server = context.ServerOf(parse);
            var password = parse.GetValue(adminPassword) ?? context.Environment.Variable("CONVERSATIONS_ADMIN_PASSWORD")
                ?? throw new CliException(ExitCodes.Usage, "No admin password: pass --admin-password or set CONVERSATIONS_ADMIN_PASSWORD.");
            var created = await CallAsync(context, parse, key, client => client.CreateTenantAsync(parse.GetRequiredValue(slug), parse.GetRequiredValue(name),
                parse.GetRequiredValue(adminUsername), password, plan: parse.GetValue(plan), cancellationToken: cancellationToken));

            var onPlan = created.Plan is null ? "on no plan (unbounded)" : $"on the plan '{created.Plan}'";
            await context.Out.WriteLineAsync(
                $"Created tenant '{created.Tenant.Slug}' ({created.Tenant.Name}), {onPlan}. Its admin signs in with `conversations login --server {server.ToString().TrimEnd('/')} --tenant {created.Tenant.Slug} --username {created.Admin.Username}`.");
        });
        return command;
    }
}
