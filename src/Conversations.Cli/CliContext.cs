using System.CommandLine;
using System.Net;
using System.Text.Json;
using Conversations.Cli.Credentials;
using Conversations.Client;

namespace Conversations.Cli;

/// <summary>
/// What every command shares: the global options, the signed-in client, resolving conversation ids, and turning
/// every failure into one line on stderr with its fix and a distinct exit code.
/// </summary>
internal sealed class CliContext(CliEnvironment environment)
{
    /// <summary>The server used when nothing names one.</summary>
    public const string DefaultServer = "http://localhost:5080";

    private const int ShortIdLength = 8;

    /// <summary>The server the current command talks to, for error messages.</summary>
    private Uri? _server;

    public CliEnvironment Environment { get; } = environment;

    public CredentialStore Credentials { get; } = new(environment);

    public TextWriter Out => Environment.Out;

    public TextWriter Error => Environment.Error;

    /// <summary>--server, everywhere (also CONVERSATIONS_SERVER); otherwise the server logged in to.</summary>
    public Option<string?> ServerOption { get; } = new("--server")
    {
        Description = $"The server's address (default: the one you logged in to, CONVERSATIONS_SERVER, or {DefaultServer})",
        Recursive = true,
    };

    /// <summary>--token, everywhere (also CONVERSATIONS_TOKEN); otherwise the token saved by login.</summary>
    public Option<string?> TokenOption { get; } = new("--token")
    {
        Description = "A bearer token to use instead of the saved one (also CONVERSATIONS_TOKEN)",
        Recursive = true,
    };

    /// <summary>Sets <paramref name="command"/>'s action: runs it and maps its failures to a message and exit code.</summary>
    public void Handle(Command command, Func<ParseResult, CancellationToken, Task> action) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                await action(parseResult, cancellationToken);
                return ExitCodes.Success;
            }
            catch (Exception ex)
            {
                var (code, message) = Explain(ex, cancellationToken);
                await Error.WriteLineAsync(message.ReplaceLineEndings(" "));
                return code;
            }
        });

    /// <summary>The server named by --server, CONVERSATIONS_SERVER or the saved login; else the default.</summary>
    public Uri ServerOf(ParseResult parseResult, StoredCredentials? saved = null)
    {
        var text = parseResult.GetValue(ServerOption) ?? Environment.Variable("CONVERSATIONS_SERVER");
        _server = text is null ? saved?.Server ?? new Uri(DefaultServer) : ParseServer(text);
        return _server;
    }

    /// <summary>A client signed in with the token of --token, CONVERSATIONS_TOKEN or the saved login.</summary>
    public ConversationsClient Connect(ParseResult parseResult)
    {
        var saved = Credentials.Load();
        var server = ServerOf(parseResult, saved);
        var token = parseResult.GetValue(TokenOption) ?? Environment.Variable("CONVERSATIONS_TOKEN");
        if (token is null)
        {
            if (saved is null)
            {
                throw new CliException(ExitCodes.Auth, $"Not logged in: run `{LoginHint(server, null)}`");
            }

            if (saved.ExpiresAt <= Environment.Time.GetUtcNow())
            {
                throw new CliException(ExitCodes.Auth, $"Your session expired at {saved.ExpiresAt.ToLocalTime():yyyy-MM-dd HH:mm}: run `{LoginHint(saved.Server, saved)}`");
            }

            token = saved.AccessToken;
        }

        return new ConversationsClient(Environment.CreateHttpClient(server)) { AccessToken = token };
    }

    /// <summary>
    /// The conversation named by <paramref name="text"/>: a full id, or the unique conversation in the inbox whose id
    /// ends (as the inbox shows it) or starts with at least 8 of its characters. Ids are time-ordered (UUIDv7): their
    /// first characters are a timestamp shared by every conversation of the same minute, their last ones are random.
    /// </summary>
    public async Task<Guid> ResolveConversationAsync(ConversationsClient client, string text, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        var part = text.Trim().ToLowerInvariant();
        if (part.Length < ShortIdLength || !part.All(c => char.IsAsciiHexDigit(c) || c == '-'))
        {
            throw new CliException(ExitCodes.Usage,
                $"'{text}' is not a conversation id: give the id, or at least {ShortIdLength} of its characters as `conversations inbox` shows them.");
        }

        var matches = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await client.GetInboxAsync(InboxFilter.All, all: true, cursor: cursor, limit: 200, cancellationToken: cancellationToken);
            matches.AddRange(page.Items.Select(i => i.ConversationId)
                .Where(c => c.ToString().StartsWith(part, StringComparison.Ordinal) || c.ToString().EndsWith(part, StringComparison.Ordinal)));
            cursor = page.NextCursor;
        }
        while (cursor is not null && matches.Count < 2);

        return matches.Distinct().ToList() switch
        {
            [var only] => only,
            [] => throw new CliException(ExitCodes.ApiError, $"No conversation id starts or ends with '{part}': list them with `conversations inbox --all`."),
            var many => throw new CliException(ExitCodes.Usage, $"'{part}' matches {many.Count} conversation ids: give more characters, or the whole id."),
        };
    }

    /// <summary>The last (random) characters of an id, enough to name it in other commands.</summary>
    public static string ShortId(Guid id) => id.ToString()[^ShortIdLength..];

    /// <summary>The login command to suggest.</summary>
    public static string LoginHint(Uri server, StoredCredentials? saved) =>
        $"conversations login --server {server.ToString().TrimEnd('/')} --tenant {saved?.Tenant ?? "demo"} --username {saved?.Username ?? "demo"}";

    private static Uri ParseServer(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CliException(ExitCodes.Usage, $"'{text}' is not a server address: give one like {DefaultServer}.");

    private (int Code, string Message) Explain(Exception exception, CancellationToken cancellationToken)
    {
        var server = _server?.ToString().TrimEnd('/') ?? "the server";
        return exception switch
        {
            CliException cli => (cli.ExitCode, cli.Message),
            ConversationsApiException { Status: HttpStatusCode.Unauthorized } api =>
                (ExitCodes.Auth, $"Not logged in: {api.Detail} Run `{LoginHint(_server ?? new Uri(DefaultServer), SavedOrNull())}`"),
            ConversationsApiException { Status: HttpStatusCode.Forbidden } api => (ExitCodes.Auth, $"{api.Title}: {api.Detail}"),
            ConversationsApiException api => (ExitCodes.ApiError, $"{api.Title}: {api.Detail}"),
            OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Interrupted, "Cancelled."),
            OperationCanceledException => (ExitCodes.Unreachable, $"{server} did not answer in time: check that it is up, then try again."),
            HttpRequestException http => (ExitCodes.Unreachable,
                $"Cannot reach {server} ({http.Message.TrimEnd('.')}): start the server, or give its address with --server."),
            JsonException or NotSupportedException => (ExitCodes.ApiError,
                $"{server} answered something this CLI does not understand ({exception.Message}): is it a Conversations server of a matching version?"),
            _ => (ExitCodes.ApiError, $"Unexpected failure: {exception.GetType().Name}: {exception.Message}"),
        };
    }

    private StoredCredentials? SavedOrNull()
    {
        try
        {
            return Credentials.Load();
        }
        catch (CliException)
        {
            return null;
        }
    }
}
