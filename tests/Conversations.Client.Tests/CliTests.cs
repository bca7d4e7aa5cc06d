using Conversations.Api.Contracts.Messages;
using Conversations.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Client.Tests;

[Collection(HostCollection.Name)]
public sealed class CliTests(HostFixture host) : IDisposable
{
    private readonly CliSession _cli = new();

    private string Server => host.BaseAddress.ToString().TrimEnd('/');

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Without_a_login_a_command_says_how_to_log_in()
    {
        var result = await _cli.RunAsync("inbox");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("Not logged in: run `conversations login --server http://localhost:5080 --tenant demo --username demo`", result.Error.Trim());
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Login_keeps_the_token_readable_by_its_owner_only_and_logout_forgets_it()
    {
        var login = await LoginAsync();
        Assert.StartsWith($"Logged in to {Server} as Demo Operator (demo, admin) until ", login.Out);
        Assert.True(File.Exists(_cli.CredentialsPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.CredentialsPath));
        }

        Assert.Equal(0, (await _cli.RunAsync("inbox")).ExitCode);

        var logout = await _cli.RunAsync("logout");
        Assert.Equal(0, logout.ExitCode);
        Assert.False(File.Exists(_cli.CredentialsPath));
        var after = await _cli.RunAsync("inbox");
        Assert.Equal(3, after.ExitCode);
        Assert.StartsWith("Not logged in: run `conversations login", after.Error);
    }

    [Fact]
    public async Task The_password_comes_from_the_environment_or_the_command_explains_where_to_give_it()
    {
        var without = await _cli.RunAsync("login", "--server", Server, "--tenant", "demo", "--username", "demo");
        Assert.Equal(2, without.ExitCode);
        Assert.StartsWith("No password: pass --password, set CONVERSATIONS_PASSWORD", without.Error);

        _cli.Variables["CONVERSATIONS_PASSWORD"] = HostFixture.AdminPassword;
        Assert.Equal(0, (await _cli.RunAsync("login", "--server", Server, "--tenant", "demo", "--username", "demo")).ExitCode);
    }

    [Fact]
    public async Task A_wrong_password_is_an_auth_error()
    {
        var result = await _cli.RunAsync("login", "--server", Server, "--tenant", "demo", "--username", "demo", "--password", "nope-nope");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("Sign-in failed: The tenant, username or password is wrong. Check them and try again.", result.Error.Trim());
    }

    [Fact]
    public async Task A_saved_session_past_its_expiry_asks_for_a_new_login()
    {
        await LoginAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        clock.Advance(TimeSpan.FromDays(2));
        _cli.Time = clock;

        var result = await _cli.RunAsync("inbox");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"run `conversations login --server {Server} --tenant demo --username demo`", result.Error);
        Assert.StartsWith("Your session expired", result.Error);
    }

    [Fact]
    public async Task A_refused_token_is_an_auth_error_with_the_fix()
    {
        var result = await _cli.RunAsync("--server", Server, "--token", "not-a-token", "inbox");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"Not logged in: The token is missing, invalid or expired. Run `conversations login --server {Server} --tenant demo --username demo`",
            result.Error.Trim());
    }

    [Fact]
    public async Task An_operator_takes_replies_reads_and_releases_a_chat_from_the_command_line()
    {
        await LoginAsync();
        var conversation = await host.WaitingConversationAsync();
        var shortId = conversation.ToString()[^8..];

        await Eventually.HoldsAsync(async () => (await _cli.RunAsync("inbox", "--filter", "waiting")).Out.Split('\n').Any(l => l.StartsWith('!') && l.Contains(shortId)),
            "the waiting conversation is listed with its flag");

        var take = await _cli.RunAsync("take", shortId);
        Assert.True(take.ExitCode == 0, take.Error);
        Assert.Contains("You have the chat with", take.Out);

        var reply = await _cli.RunAsync("reply", shortId, "Добрый", "день!");
        Assert.True(reply.ExitCode == 0, reply.Error);
        Assert.StartsWith("Sent (message #", reply.Out);

        var show = await _cli.RunAsync("show", conversation.ToString());
        Assert.True(show.ExitCode == 0, show.Error);
        Assert.Contains(": оператор", show.Out);
        Assert.Contains("operator: Добрый день!", show.Out);
        Assert.DoesNotContain("(live chat started", show.Out);
        Assert.Contains("(live chat started", (await _cli.RunAsync("show", shortId, "--events")).Out);

        var release = await _cli.RunAsync("release", shortId);
        Assert.True(release.ExitCode == 0, release.Error);
        Assert.Contains("The bot answers", release.Out);
        var close = await _cli.RunAsync("close", shortId);
        Assert.True(close.ExitCode == 0, close.Error);
        Assert.StartsWith("Closed the conversation", close.Out);
    }

    [Fact]
    public async Task Reply_with_a_file_uploads_it_and_sends_it_with_the_words_as_its_caption()
    {
        await LoginAsync();
        var conversation = await host.WaitingConversationAsync();
        var shortId = conversation.ToString()[^8..];
        Assert.True((await _cli.RunAsync("take", shortId)).ExitCode == 0);
        var path = Path.Combine(Path.GetTempPath(), $"invoice-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(path, "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF");
        try
        {
            var reply = await _cli.RunAsync("reply", shortId, "--file", path, "Ваш", "счёт");

            Assert.True(reply.ExitCode == 0, reply.Error);
            Assert.StartsWith("Sent (message #", reply.Out);
            var show = await _cli.RunAsync("show", conversation.ToString());
            Assert.Contains($"operator: [file] {Path.GetFileName(path)} Ваш счёт", show.Out);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Reply_without_text_or_with_a_missing_file_says_what_to_give()
    {
        await LoginAsync();
        var conversation = (await host.WaitingConversationAsync()).ToString();

        var empty = await _cli.RunAsync("reply", conversation);
        var missing = await _cli.RunAsync("reply", conversation, "--file", "/no/such/file.png");

        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("--file PATH", empty.Error);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("No file at /no/such/file.png", missing.Error);
    }

    [Fact]
    public async Task An_unknown_conversation_is_reported_as_not_found()
    {
        await LoginAsync();

        var unknown = await _cli.RunAsync("show", Guid.NewGuid().ToString());
        var noPrefix = await _cli.RunAsync("take", "00000000-0");
        var notAnId = await _cli.RunAsync("take", "olga");

        Assert.Equal((1, "Not found: No such conversation."), (unknown.ExitCode, unknown.Error.Trim()));
        Assert.Equal(1, noPrefix.ExitCode);
        Assert.StartsWith("No conversation id starts or ends with '00000000-0': list them with `conversations inbox --all`.", noPrefix.Error);
        Assert.Equal(2, notAnId.ExitCode);
        Assert.StartsWith("'olga' is not a conversation id", notAnId.Error);
    }

    [Fact]
    public async Task Taking_a_colleagues_chat_names_the_colleague()
    {
        await LoginAsync();
        var conversation = await host.WaitingConversationAsync();
        using (var olga = await host.SignInAsync(HostFixture.Colleague, HostFixture.ColleaguePassword))
        {
            await olga.TakeAsync(conversation);
        }

        var result = await _cli.RunAsync("take", conversation.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Conflict: Olga has already taken this chat.", result.Error.Trim());
    }

    [Fact]
    public async Task Canned_replies_are_listed_with_their_usage_and_sent_by_shortcut()
    {
        await LoginAsync();
        var shortcut = "cli-" + Guid.NewGuid().ToString("N")[..6];
        using (var admin = await host.SignInAsync())
        {
            await admin.CreateCannedReplyAsync(shortcut, "Delivery times", [new TextContent("Delivery takes 2–3 days.")]);
        }

        var conversation = await host.WaitingConversationAsync();
        Assert.Equal(0, (await _cli.RunAsync("take", conversation.ToString())).ExitCode);

        var sent = await _cli.RunAsync("canned", conversation.ToString(), shortcut);
        var list = await _cli.RunAsync("canned");
        var half = await _cli.RunAsync("canned", conversation.ToString());

        Assert.Equal((0, $"Sent '{shortcut}' (1 message)."), (sent.ExitCode, sent.Out.Trim()));
        Assert.Contains(list.Out.Split('\n'), l => l.StartsWith(shortcut) && l.Contains("1×") && l.Contains("Delivery takes 2–3 days."));
        Assert.Equal(2, half.ExitCode);
    }

    [Fact]
    public async Task Customers_and_words_in_messages_are_found()
    {
        await LoginAsync();
        using var visitor = await host.NewVisitorAsync();
        var word = "walrus" + Guid.NewGuid().ToString("N")[..6];
        var conversation = await visitor.WriteAsync($"Is the {word} in stock?");
        using var client = await host.SignInAsync();
        var customer = (await client.GetConversationAsync(conversation)).Summary;

        await Eventually.HoldsAsync(async () => (await _cli.RunAsync("search", "messages", word)).Out.Contains(conversation.ToString()[^8..]),
            "the message is found");
        var ofCustomer = await _cli.RunAsync("search", "messages", word, "--customer", customer.CustomerId.ToString());
        var customers = await _cli.RunAsync("search", "customers", customer.CustomerName);

        Assert.Contains($"[[{word}]]", ofCustomer.Out);
        Assert.Contains(customer.CustomerId.ToString(), customers.Out);
    }

    [Fact]
    public async Task Presence_is_set_by_name_and_a_wrong_name_is_a_usage_error()
    {
        await LoginAsync();

        var away = await _cli.RunAsync("presence", "away");
        var busy = await _cli.RunAsync("presence", "busy");
        var offline = await _cli.RunAsync("presence", "offline");

        Assert.Equal((0, true), (away.ExitCode, away.Out.StartsWith("Demo Operator is away")));
        Assert.Equal(2, busy.ExitCode);
        Assert.StartsWith("Usage error: Argument 'busy' not recognized.", busy.Error);
        Assert.Equal(0, offline.ExitCode);
    }

    [Fact]
    public async Task An_unreachable_server_has_its_own_exit_code()
    {
        var nobody = $"http://127.0.0.1:{FreePorts.Next()}";

        var result = await _cli.RunAsync("--server", nobody, "--token", "any", "inbox");

        Assert.Equal(4, result.ExitCode);
        Assert.StartsWith($"Cannot reach {nobody} (", result.Error);
        Assert.Contains("start the server, or give its address with --server.", result.Error);
    }

    [Fact]
    public async Task Watch_refuses_to_start_without_a_server_to_watch()
    {
        var nobody = $"http://127.0.0.1:{FreePorts.Next()}";

        var result = await _cli.RunAsync("--server", nobody, "--token", "any", "watch");

        Assert.Equal(4, result.ExitCode);
        Assert.StartsWith($"Cannot reach {nobody} (", result.Error);
    }

    [Fact]
    public async Task A_malformed_command_line_is_a_usage_error()
    {
        var badLimit = await _cli.RunAsync("inbox", "--limit", "many");
        var nothing = await _cli.RunAsync();

        Assert.Equal(2, badLimit.ExitCode);
        Assert.StartsWith("Usage error: ", badLimit.Error);
        Assert.EndsWith("See `conversations inbox --help`.", badLimit.Error.Trim());
        Assert.Equal(2, nothing.ExitCode);
    }

    [Fact]
    public async Task Watch_prints_messages_as_they_come_and_stops_cleanly_when_interrupted()
    {
        await LoginAsync();
        var output = new ConcurrentWriter();
        var error = new ConcurrentWriter();
        using var interrupt = new CancellationTokenSource();
        var watching = _cli.RunAsync(["watch"], output, error, interrupt.Token);
        await Eventually.HoldsAsync(() => error.Text.Contains("Connected"), "the watch is connected");

        using var visitor = await host.NewVisitorAsync();
        var conversation = await visitor.WriteAsync("Is anyone watching?");
        await Eventually.HoldsAsync(() => output.Text.Contains("Is anyone watching?"), "the message is printed");
        await interrupt.CancelAsync();
        var result = await watching;

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{conversation.ToString()[^8..]} ", result.Out);
        Assert.Contains("customer: Is anyone watching?", result.Out);
        Assert.EndsWith("Stopped.", result.Error.Trim());
    }

    [Fact]
    public async Task A_platform_admin_creates_a_tenant_whose_admin_can_log_in()
    {
        var slug = "cli-" + Guid.NewGuid().ToString("N")[..8];

        var created = await _cli.RunAsync("platform", "create-tenant", "--server", Server, "--platform-key", ConversationsApp.PlatformKey,
            "--slug", slug, "--name", "CLI shop", "--admin-username", "boss", "--admin-password", "boss-password");
        var wrongKey = await _cli.RunAsync("platform", "create-tenant", "--server", Server, "--platform-key", "guess",
            "--slug", slug + "x", "--name", "CLI shop", "--admin-username", "boss", "--admin-password", "boss-password");
        var login = await _cli.RunAsync("login", "--server", Server, "--tenant", slug, "--username", "boss", "--password", "boss-password");

        Assert.Equal(0, created.ExitCode);
        Assert.Contains($"`conversations login --server {Server} --tenant {slug} --username boss`", created.Out);
        Assert.Equal((3, "Platform key required: Send the platform administrator's key in the X-Platform-Key header."), (wrongKey.ExitCode, wrongKey.Error.Trim()));
        Assert.Equal(0, login.ExitCode);
    }

    [Fact]
    public async Task A_platform_admin_defines_a_plan_and_puts_a_new_and_an_existing_tenant_on_it()
    {
        var plan = "cli-plan-" + Guid.NewGuid().ToString("N")[..6];
        var slug = "cli-" + Guid.NewGuid().ToString("N")[..8];
        string[] key = ["--server", Server, "--platform-key", ConversationsApp.PlatformKey];

        var set = await _cli.RunAsync(["platform", "plans", "set", plan, "--inbound", "20/40/10", "--api", "50/100/20", "--outbound", "2.5/5/3", .. key]);
        var list = await _cli.RunAsync(["platform", "plans", "list", .. key]);
        var created = await _cli.RunAsync(["platform", "create-tenant", "--slug", slug, "--name", "Planned shop", "--admin-username", "boss",
            "--admin-password", "boss-password", "--plan", plan, .. key]);
        var shown = await _cli.RunAsync(["platform", "tenant-plan", slug, .. key]);
        var freed = await _cli.RunAsync(["platform", "tenant-plan", slug, "--none", .. key]);
        var badBudget = await _cli.RunAsync(["platform", "plans", "set", plan, "--inbound", "fast", "--api", "50/100/20", "--outbound", "2/5/3", .. key]);
        var outOfRange = await _cli.RunAsync(["platform", "plans", "set", plan, "--inbound", "20/0/10", "--api", "50/100/20", "--outbound", "2/5/3", .. key]);
        var unknown = await _cli.RunAsync(["platform", "tenant-plan", slug, "no-such-plan", .. key]);

        Assert.Equal(0, set.ExitCode);
        Assert.Contains("outbound (sends)     2.5", set.Out);
        Assert.Contains($"{plan}  20/40/10", list.Out);
        Assert.Equal(0, created.ExitCode);
        Assert.Contains($"on the plan '{plan}'", created.Out);
        Assert.Equal($"Tenant '{slug}' is on the plan '{plan}'.", shown.Out.Trim());
        Assert.Equal($"Tenant '{slug}' is on no plan (unbounded).", freed.Out.Trim());
        Assert.Equal((2, "--inbound 'fast': expected PER_SECOND/BURST/CONCURRENT, e.g. 20/40/10."), (badBudget.ExitCode, badBudget.Error.Trim()));
        Assert.Equal(1, outOfRange.ExitCode);
        Assert.Contains("$.inbound.burst", outOfRange.Error);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No plan named 'no-such-plan'", unknown.Error);
    }

    private async Task<CliResult> LoginAsync()
    {
        var result = await _cli.RunAsync("login", "--server", Server, "--tenant", "demo", "--username", "demo", "--password", HostFixture.AdminPassword);
        Assert.True(result.ExitCode == 0, result.Error);
        return result;
    }
}
