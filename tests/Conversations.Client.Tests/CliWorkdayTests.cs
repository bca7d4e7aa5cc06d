using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Contracts.Messages;
using Conversations.Testing;

namespace Conversations.Client.Tests;

/// <summary>
/// The CLI as an operator uses it all day: every kind of reply (options are never sent as words), transfer with a note,
/// reminders, private notes, and usage errors that name the right command without .NET type names.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CliWorkdayTests(HostFixture host) : IDisposable
{
    private readonly CliSession _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Reply_sends_an_image_a_link_a_canned_reply_and_a_bot_step_and_never_their_options_as_text()
    {
        await LoginAsync();
        var shortcut = "wd-" + Guid.NewGuid().ToString("N")[..6];
        using (var admin = await host.SignInAsync())
        {
            await admin.CreateCannedReplyAsync(shortcut, "Hours", [new TextContent("We are open 9–21.")]);
        }

        var conversation = await host.WaitingConversationAsync();
        var id = conversation.ToString();
        Assert.Equal(0, (await _cli.RunAsync("take", id)).ExitCode);

        var image = await _cli.RunAsync("reply", id, "--image", "https://shop.example/img/jacket.jpg", "Вот", "эта");
        var link = await _cli.RunAsync("reply", id, "--link", "https://shop.example/track/42", "--title", "Отследить", "Ваш заказ:");
        var canned = await _cli.RunAsync("reply", id, "--canned", shortcut);
        var step = await _cli.RunAsync("reply", id, "--bot-step", "welcome");

        Assert.True(image.ExitCode == 0, image.Error);
        Assert.True(link.ExitCode == 0, link.Error);
        Assert.True(canned.ExitCode == 0, canned.Error);
        Assert.True(step.ExitCode == 0, step.Error);
        using var client = await host.SignInAsync();
        var sent = (await client.GetMessagesAsync(conversation)).Where(m => m.Direction == MessageDirection.Operator).Select(m => m.Content).ToList();
        Assert.Contains(sent, c => c is ImageContent { Url: "https://shop.example/img/jacket.jpg", Caption: "Вот эта" });
        Assert.Contains(sent, c => c is LinkContent { Url: "https://shop.example/track/42", Title: "Отследить", Text: "Ваш заказ:" });
        Assert.Contains(sent, c => c is TextContent { Text: "We are open 9–21." });
        Assert.Contains(sent, c => c is TextContent t && t.Text.StartsWith("Здравствуйте", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, c => c.ToPlainText().Contains("--", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mistyped_reply_option_is_refused_and_nothing_is_sent()
    {
        await LoginAsync();
        var conversation = await host.WaitingConversationAsync();
        Assert.Equal(0, (await _cli.RunAsync("take", conversation.ToString())).ExitCode);

        var typo = await _cli.RunAsync("reply", conversation.ToString(), "--imgae", "https://shop.example/a.jpg");
        var two = await _cli.RunAsync("reply", conversation.ToString(), "--canned", "hello", "--bot-step", "welcome");

        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("--imgae", typo.Error);
        Assert.Contains("nothing was sent", typo.Error);
        Assert.Equal(2, two.ExitCode);
        Assert.StartsWith("Give one of --file, --image, --link, --canned, --bot-step", two.Error);
        using var client = await host.SignInAsync();
        Assert.DoesNotContain(await client.GetMessagesAsync(conversation), m => m.Direction == MessageDirection.Operator);
    }

    [Fact]
    public async Task Transfer_with_a_note_reminders_and_private_notes_work_from_the_command_line()
    {
        await LoginAsync();
        var conversation = await host.WaitingConversationAsync();
        var id = conversation.ToString();
        Assert.Equal(0, (await _cli.RunAsync("take", id)).ExitCode);

        var remind = await _cli.RunAsync("remind", id);
        var note = await _cli.RunAsync("note", id, "Постоянный", "клиент");
        var transfer = await _cli.RunAsync("transfer", id, HostFixture.Colleague, "--note", "Вернуть деньги за куртку");
        var nobody = await _cli.RunAsync("transfer", id, "nobody-here");

        Assert.True(remind.ExitCode == 0, remind.Error);
        Assert.StartsWith("Reminded ", remind.Out);
        Assert.True(note.ExitCode == 0, note.Error);
        Assert.StartsWith("Noted (message #", note.Out);
        Assert.True(transfer.ExitCode == 0, transfer.Error);
        Assert.StartsWith("Olga (", transfer.Out);
        Assert.Equal(2, nobody.ExitCode);
        Assert.StartsWith("No colleague 'nobody-here'", nobody.Error);

        using var client = await host.SignInAsync();
        var detail = await client.GetConversationAsync(conversation);
        var events = (await client.GetMessagesAsync(conversation, includeEvents: true)).Select(m => m.Content).OfType<EventContent>().ToList();
        Assert.Contains(events, e => e.Detail == "Постоянный клиент");
        Assert.Contains(events, e => e.Detail == "Вернуть деньги за куртку");
        Assert.Equal("Olga", detail.Summary.OperatorName);

        var shown = await _cli.RunAsync("show", id, "--events");
        Assert.Contains("Постоянный клиент", shown.Out);
    }

    [Fact]
    public async Task Labels_are_added_shown_filtered_and_removed_from_the_command_line()
    {
        await LoginAsync();
        var conversation = await host.WaitingConversationAsync();
        var id = conversation.ToString();
        var label = "cli-" + Guid.NewGuid().ToString("N")[..8];

        var added = await _cli.RunAsync("label", id, label.ToUpperInvariant(), "Возврат  денег");
        var listed = await _cli.RunAsync("inbox", "--label", label);
        var shown = await _cli.RunAsync("label", id);
        var wrong = await _cli.RunAsync("label", id, "--remove", "never-there");
        var removed = await _cli.RunAsync("label", id, "--remove", "возврат денег");

        Assert.True(added.ExitCode == 0, added.Error);
        Assert.Equal($"Labels: {label}, возврат денег", added.Out.Trim());
        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Contains(CliContextShortId(conversation), listed.Out);
        Assert.Contains("LABELS", listed.Out);
        Assert.Equal($"Labels: {label}, возврат денег", shown.Out.Trim());
        Assert.Equal(2, wrong.ExitCode);
        Assert.StartsWith("--remove: the conversation has no label 'never-there'", wrong.Error.Replace("Usage error: ", "", StringComparison.Ordinal));
        Assert.True(removed.ExitCode == 0, removed.Error);
        Assert.Equal($"Labels: {label}", removed.Out.Trim());

        using var client = await host.SignInAsync();
        Assert.Equal([label], (await client.GetConversationAsync(conversation)).Summary.Labels);
        var other = await _cli.RunAsync("inbox", "--label", "cli-nobody-has-it");
        Assert.Equal("No conversations.", other.Out.Trim());
    }

    [Fact]
    public async Task Transfer_names_a_colleague_or_a_group_and_says_so_when_given_neither_or_an_empty_group()
    {
        await LoginAsync();
        var conversation = await host.WaitingConversationAsync();
        var id = conversation.ToString();
        Assert.Equal(0, (await _cli.RunAsync("take", id)).ExitCode);

        var neither = await _cli.RunAsync("transfer", id);
        var both = await _cli.RunAsync("transfer", id, HostFixture.Colleague, "--group", "billing");
        var empty = await _cli.RunAsync("transfer", id, "--group", "nobody-in-it");

        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("one of the two", neither.Error);
        Assert.Equal(2, both.ExitCode);
        Assert.NotEqual(0, empty.ExitCode);
        Assert.Contains("no operator is in the group 'nobody-in-it'", empty.Error);
        using var client = await host.SignInAsync();
        Assert.Equal(ConversationStatus.LiveChat, (await client.GetConversationAsync(conversation)).Summary.Status);
    }

    private static string CliContextShortId(Guid id) => id.ToString("N")[^8..];

    [Fact]
    public async Task Usage_errors_name_the_right_command_and_no_dotnet_type()
    {
        var typo = await _cli.RunAsync("repyl", "abc");
        var missing = await _cli.RunAsync("search");
        var badId = await _cli.RunAsync("search", "messages", "word", "--customer", "not-an-id");

        Assert.Equal(2, typo.ExitCode);
        Assert.StartsWith("Usage error: 'repyl' is not a command; did you mean `conversations reply`?", typo.Error);
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("Usage error: `conversations search` needs a command: one of ", missing.Error);
        Assert.Contains("messages", missing.Error);
        Assert.Equal(2, badId.ExitCode);
        Assert.Contains("an id (like", badId.Error);
        foreach (var result in new[] { typo, missing, badId })
        {
            Assert.DoesNotContain("System.", result.Error);
            Assert.DoesNotContain("Required command was not provided", result.Error);
        }
    }

    private async Task LoginAsync()
    {
        var result = await _cli.RunAsync("login", "--server", host.BaseAddress.ToString().TrimEnd('/'), "--tenant", "demo", "--username", "demo",
            "--password", HostFixture.AdminPassword);
        Assert.True(result.ExitCode == 0, result.Error);
    }
}
