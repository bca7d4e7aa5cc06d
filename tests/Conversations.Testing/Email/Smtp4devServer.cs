using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Conversations.Testing.Email;

/// <summary>
/// A real mail server for the tests: smtp4dev (the <c>Rnwood.Smtp4dev</c> .NET tool of the repository's tool manifest,
/// <c>dotnet tool restore</c>) started on free loopback ports with SMTP and IMAP, no POP3, an in-memory database and
/// authentication required. Two users, each reading their own mailbox over IMAP: <c>support</c> (mail to
/// <see cref="SupportAddress"/>) and <c>customer</c> (mail to any <c>@customer.test</c> address). Mail sent with
/// SMTP AUTH is routed by its recipients, not to the sender's mailbox.
/// </summary>
public sealed class Smtp4devServer : IAsyncDisposable
{
    /// <summary>The business's support address.</summary>
    public const string SupportAddress = "support@shop.test";

    /// <summary>The support mailbox's login.</summary>
    public const string SupportUser = "support";

    /// <summary>The support mailbox's password.</summary>
    public const string SupportPassword = "support-password";

    /// <summary>The customers' mailbox login (every @customer.test address lands there).</summary>
    public const string CustomerUser = "customer";

    /// <summary>The customers' mailbox password.</summary>
    public const string CustomerPassword = "customer-password";

    private readonly Process _process;
    private readonly StringWriter _output = new();

    private Smtp4devServer(Process process, int smtpPort, int imapPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        ImapPort = imapPort;
        WebPort = webPort;
    }

    /// <summary>The web UI and REST API port.</summary>
    public int WebPort { get; }

    /// <summary>
    /// The bytes of every mail received for the customer, exactly as they came over SMTP (the REST API's download: the
    /// IMAP server adds a blank line after the headers, which breaks a DKIM body hash).
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> ReceivedRawAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{WebPort}") };
        using var summaries = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/Messages/new?mailboxName=Customer&pageSize=1000"));
        var mails = new List<byte[]>();
        foreach (var summary in summaries.RootElement.EnumerateArray())
        {
            mails.Add(await http.GetByteArrayAsync($"/api/Messages/{summary.GetProperty("id").GetString()}/download?mailboxName=Customer"));
        }

        return mails;
    }

    /// <summary>The SMTP port (no TLS).</summary>
    public int SmtpPort { get; }

    /// <summary>The IMAP port (no TLS).</summary>
    public int ImapPort { get; }

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts smtp4dev and returns once both its SMTP and IMAP ports answer.</summary>
    public static async Task<Smtp4devServer> StartAsync()
    {
        int smtp = FreePorts.Next(), imap = FreePorts.Next(), web = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "tool", "run", "smtp4dev", "--",
            $"--smtpport={smtp}", $"--imapport={imap}", "--pop3port=", $"--urls=http://127.0.0.1:{web}", "--db=", "--nousersettings",
            "--authenticationrequired", "--smtpallowanycredentials-", "--delivermessagestousersdefaultmailbox-", "--hostname=localhost",
            "--messagestokeep=1000",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // Users and mailboxes as configuration (the --user switch cannot name a user's mailbox).
        var environment = new Dictionary<string, string>
        {
            ["ServerOptions__Users__0__Username"] = SupportUser,
            ["ServerOptions__Users__0__Password"] = SupportPassword,
            ["ServerOptions__Users__0__DefaultMailbox"] = "Support",
            ["ServerOptions__Users__1__Username"] = CustomerUser,
            ["ServerOptions__Users__1__Password"] = CustomerPassword,
            ["ServerOptions__Users__1__DefaultMailbox"] = "Customer",
            ["ServerOptions__Mailboxes__0__Name"] = "Support",
            ["ServerOptions__Mailboxes__0__Recipients"] = SupportAddress,
            ["ServerOptions__Mailboxes__1__Name"] = "Customer",
            ["ServerOptions__Mailboxes__1__Recipients"] = "*@customer.test",
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet tool run smtp4dev did not start.");
        var server = new Smtp4devServer(process, smtp, imap, web);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.HoldsAsync(async () => !process.HasExited && await AnswersAsync(smtp) && await AnswersAsync(imap),
                "smtp4dev listening on its SMTP and IMAP ports", TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException ex)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"smtp4dev did not start (run `dotnet tool restore`): {server.Output}", ex);
        }

        return server;
    }

    /// <summary>Sends <paramref name="mail"/> over SMTP as the customer.</summary>
    public async Task SendAsCustomerAsync(MimeMessage mail)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", SmtpPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(CustomerUser, CustomerPassword);
        await client.SendAsync(mail);
        await client.DisconnectAsync(true);
    }

    /// <summary>Every mail in the inbox of <paramref name="user"/> sent to <paramref name="to"/>, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> InboxAsync(string user, string password, string to)
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var mails = new List<MimeMessage>();
        foreach (var uid in await client.Inbox.SearchAsync(SearchQuery.All))
        {
            var mail = await client.Inbox.GetMessageAsync(uid);
            if (mail.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
            {
                mails.Add(mail);
            }
        }

        await client.DisconnectAsync(true);
        return mails;
    }

    /// <summary>The flags of every message in the support inbox, by Message-ID.</summary>
    public async Task<IReadOnlyDictionary<string, MessageFlags>> SupportFlagsAsync()
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(SupportUser, SupportPassword);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var flags = new Dictionary<string, MessageFlags>();
        if (client.Inbox.Count > 0)
        {
            foreach (var summary in await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Flags | MessageSummaryItems.Envelope))
            {
                if (summary.Envelope?.MessageId is { } id)
                {
                    flags[id] = summary.Flags ?? MessageFlags.None;
                }
            }
        }

        await client.DisconnectAsync(true);
        return flags;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.WriteLine(line);
            }
        }
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository's .config/dotnet-tools.json (with smtp4dev) was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Port as text, for settings.</summary>
    public static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
