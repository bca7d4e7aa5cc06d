using System.CommandLine;
using System.Net;
using Conversations.Api.Contracts.Platform;
using Conversations.Client;

namespace Conversations.Cli.Commands;

/// <summary><c>platform</c>: the platform administrator's commands (authenticated by the platform key, not a login).</summary>
internal static class PlatformCommands
{
    public static Command Create(CliContext context) =>
        new("platform", "Platform administration (needs the platform key)") { CreateTenant(context) };

    private static Command CreateTenant(CliContext context)
    {
        var key = new Option<string?>("--platform-key") { Description = "The platform administrator's key (also CONVERSATIONS_PLATFORM_KEY)" };
        var slug = new Option<string>("--slug") { Description = "Short unique name for logins and URLs (lowercase letters, digits, dashes)", Required = true };
        var name = new Option<string>("--name") { Description = "The business's name", Required = true };
        var adminUsername = new Option<string>("--admin-username") { Description = "The first admin's username", Required = true };
        var adminPassword = new Option<string?>("--admin-password") { Description = "Their password, 8 characters or more (also CONVERSATIONS_ADMIN_PASSWORD)" };
        var command = new Command("create-tenant", "Create a tenant with its first admin") { key, slug, name, adminUsername, adminPassword };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var server = context.ServerOf(parse);
            var platformKey = parse.GetValue(key) ?? context.Environment.Variable("CONVERSATIONS_PLATFORM_KEY")
                ?? throw new CliException(ExitCodes.Usage, "No platform key: pass --platform-key or set CONVERSATIONS_PLATFORM_KEY (the server's Platform__ApiKey).");
            var password = parse.GetValue(adminPassword) ?? context.Environment.Variable("CONVERSATIONS_ADMIN_PASSWORD")
                ?? throw new CliException(ExitCodes.Usage, "No admin password: pass --admin-password or set CONVERSATIONS_ADMIN_PASSWORD.");
            using var http = context.Environment.CreateHttpClient(server);
            TenantCreated created;
            try
            {
                created = await new ConversationsPlatformClient(http, platformKey).CreateTenantAsync(parse.GetRequiredValue(slug), parse.GetRequiredValue(name),
                    parse.GetRequiredValue(adminUsername), password, cancellationToken: cancellationToken);
            }
            catch (ConversationsApiException ex) when (ex.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                // Not about logging in: the platform key is wrong, or the server has none configured.
                throw new CliException(ExitCodes.Auth, $"{ex.Title}: {ex.Detail}");
            }

            await context.Out.WriteLineAsync(
                $"Created tenant '{created.Tenant.Slug}' ({created.Tenant.Name}). Its admin signs in with `conversations login --server {server.ToString().TrimEnd('/')} --tenant {created.Tenant.Slug} --username {created.Admin.Username}`.");
        });
        return command;
    }
}
