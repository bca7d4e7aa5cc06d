using System.CommandLine;
using System.Net;
using Conversations.Api.Contracts.Auth;
using Conversations.Api.Contracts.Operators;
using Conversations.Cli.Credentials;
using Conversations.Client;

namespace Conversations.Cli.Commands;

/// <summary><c>login</c>, <c>logout</c> and <c>presence</c>.</summary>
internal static class AuthCommands
{
    public static Command Login(CliContext context)
    {
        var tenant = new Option<string>("--tenant") { Description = "Your business's slug (e.g. demo)", Required = true };
        var username = new Option<string>("--username") { Description = "Your username", Required = true };
        var password = new Option<string?>("--password")
        {
            Description = "Your password (else CONVERSATIONS_PASSWORD, else asked for without echo)",
        };
        var command = new Command("login", "Sign in and remember the token for the next commands") { tenant, username, password };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var server = context.ServerOf(parse);
            var secret = parse.GetValue(password) ?? context.Environment.Variable("CONVERSATIONS_PASSWORD") ?? context.Environment.ReadSecret("Password: ")
                ?? throw new CliException(ExitCodes.Usage, "No password: pass --password, set CONVERSATIONS_PASSWORD, or run the command in a terminal to be asked.");
            using var client = new ConversationsClient(context.Environment.CreateHttpClient(server));
            LoginResponse login;
            try
            {
                login = await client.LoginAsync(parse.GetRequiredValue(tenant), parse.GetRequiredValue(username), secret, cancellationToken);
            }
            catch (ConversationsApiException ex) when (ex.Status == HttpStatusCode.Unauthorized)
            {
                throw new CliException(ExitCodes.Auth, $"{ex.Title}: {ex.Detail} Check them and try again.");
            }

            var me = login.Operator;
            context.Credentials.Save(new StoredCredentials(server, parse.GetRequiredValue(tenant), me.Username, me.DisplayName, login.AccessToken, login.ExpiresAt));
            await context.Out.WriteLineAsync(
                $"Logged in to {server.ToString().TrimEnd('/')} as {me.DisplayName} ({me.Username}, {me.Role.ToString().ToLowerInvariant()}) until {login.ExpiresAt.ToLocalTime():yyyy-MM-dd HH:mm}.");
        });
        return command;
    }

    public static Command Logout(CliContext context)
    {
        var command = new Command("logout", "Forget the saved token");
        context.Handle(command, async (_, _) =>
            await context.Out.WriteLineAsync(context.Credentials.Delete() ? "Logged out: the saved token is gone." : "Not logged in; nothing to forget."));
        return command;
    }

    public static Command Presence(CliContext context)
    {
        var state = new Argument<string>("state") { Description = "online, away or offline" };
        state.AcceptOnlyFromAmong("online", "away", "offline");
        var command = new Command("presence", "Go online (take chats), away (keep yours, no new ones) or offline") { state };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            using var client = context.Connect(parse);
            var me = await client.SetPresenceAsync(Enum.Parse<OperatorPresence>(parse.GetRequiredValue(state), ignoreCase: true), cancellationToken);
            await context.Out.WriteLineAsync($"{me.DisplayName} is {me.Presence.ToString().ToLowerInvariant()}; {me.ActiveChats.Count} chat(s) open.");
        });
        return command;
    }
}
