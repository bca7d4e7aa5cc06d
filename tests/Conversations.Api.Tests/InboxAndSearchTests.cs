using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Api.Console;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>The inbox order and countdowns, cursor paging, and search across word forms.</summary>
public sealed class InboxAndSearchTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Customers_waiting_for_an_operator_come_first_flagged_longest_waiting_first()
    {
        using var demo = await fixture.DemoAsync();
        await fixture.VisitorWritesAsync("demo", "просто вопрос про каталог");
        var firstWaiting = await fixture.VisitorWritesAsync("demo", "позовите оператора");
        var secondWaiting = await fixture.VisitorWritesAsync("demo", "нужен человек");

        await Eventually.HoldsAsync(async () =>
        {
            var items = (await demo.GetAsync("/api/v1/inbox?limit=200")).GetProperty("items").EnumerateArray().ToList();
            var flagged = items.TakeWhile(i => i.GetProperty("flagged").GetBoolean()).Select(i => i.GetProperty("conversationId").GetGuid()).ToList();
            return flagged.IndexOf(firstWaiting) >= 0 && flagged.IndexOf(firstWaiting) < flagged.IndexOf(secondWaiting)
                && items.Skip(flagged.Count).All(i => !i.GetProperty("flagged").GetBoolean());
        }, "both waiting customers flagged at the top, the longest waiting first");
    }

    [Fact]
    public async Task A_live_chat_row_counts_down_to_its_auto_release()
    {
        using var demo = await fixture.DemoAsync();
        var conversation = await fixture.VisitorWritesAsync("demo", "оператор");
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();

        var row = (await demo.GetAsync("/api/v1/inbox?filter=mine")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("conversationId").GetGuid() == conversation);

        Assert.Equal("LiveChat", row.GetProperty("status").GetString());
        var left = row.GetProperty("autoReleaseSecondsLeft").GetDouble();
        Assert.InRange(left, 3500, 3600);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("windowClosesAt").ValueKind); // the widget has no messaging window
        Assert.Equal("Demo Operator", row.GetProperty("operatorName").GetString());
    }

    [Fact]
    public async Task Cursor_paging_walks_every_conversation_once()
    {
        using var demo = await fixture.DemoAsync();
        for (var i = 0; i < 7; i++)
        {
            await fixture.VisitorWritesAsync("demo", $"страница {i}");
        }

        var all = (await demo.GetAsync("/api/v1/inbox?limit=200&all=true")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("conversationId").GetGuid()).ToList();
        var paged = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await demo.GetAsync("/api/v1/inbox?limit=3&all=true" + (cursor is null ? "" : "&cursor=" + cursor));
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("conversationId").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(all, paged);
        Assert.Equal(paged.Count, paged.Distinct().Count());
    }

    [Theory]
    [InlineData("заказ", "Где мой заказа номер 775?")]      // the stem matches an inflected form
    [InlineData("заказа", "Заказ 776 не пришёл")]
    [InlineData("доставки", "Сколько стоит доставка в Казань 777?")]
    [InlineData("orders", "Both of my order 778 arrived broken")]
    public async Task Search_finds_words_in_other_forms_and_highlights_them(string query, string text)
    {
        using var demo = await fixture.DemoAsync();
        var conversation = await fixture.VisitorWritesAsync("demo", text);

        var hits = (await demo.GetAsync($"/api/v1/search/messages?q={Uri.EscapeDataString(query)}&limit=100")).EnumerateArray().ToList();

        var hit = Assert.Single(hits, h => h.GetProperty("message").GetProperty("conversationId").GetGuid() == conversation
            && h.GetProperty("message").GetProperty("direction").GetString() == "Customer");
        Assert.Contains("[[", hit.GetProperty("highlight").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_within_one_customer_only_returns_their_messages()
    {
        using var demo = await fixture.DemoAsync();
        var mine = await fixture.VisitorWritesAsync("demo", "возврат товара 881");
        await fixture.VisitorWritesAsync("demo", "возврат товара 882");
        var customer = (await demo.GetAsync($"/api/v1/conversations/{mine}")).GetProperty("summary").GetProperty("customerId").GetGuid();

        var hits = (await demo.GetAsync($"/api/v1/search/messages?q=возвраты&customerId={customer}")).EnumerateArray().ToList();

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(customer, h.GetProperty("customerId").GetGuid()));
    }

    [Fact]
    public async Task Customers_are_found_by_name_and_show_their_conversations()
    {
        using var demo = await fixture.DemoAsync();
        var conversation = await fixture.VisitorWritesAsync("demo", "привет");
        var customer = (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("customer");
        var name = customer.GetProperty("displayName").GetString()!;

        var found = (await demo.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString(name[^6..])}")).EnumerateArray().ToList();
        var detail = await demo.GetAsync($"/api/v1/customers/{customer.GetProperty("customerId").GetGuid()}");

        Assert.Contains(found, c => c.GetProperty("displayName").GetString() == name);
        Assert.Contains(detail.GetProperty("conversations").EnumerateArray(), c => c.GetProperty("conversationId").GetGuid() == conversation);
    }

    [Fact]
    public async Task The_feed_replays_what_changed_while_disconnected()
    {
        using var demo = await fixture.DemoAsync();
        var before = DateTimeOffset.UtcNow;
        var conversation = await fixture.VisitorWritesAsync("demo", "написал, пока оператор был офлайн");

        // Reconnecting with the last position seen before the message: the stream replays the conversation.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        request.Headers.Add("Last-Event-ID", before.ToString("O"));
        using var response = await demo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        JsonElement? replayed = null;
        while (replayed is null && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: {", StringComparison.Ordinal)
                && JsonDocument.Parse(line[6..]).RootElement.GetProperty("conversation") is var row
                && row.GetProperty("conversationId").GetGuid() == conversation)
            {
                replayed = row.Clone();
            }
        }

        Assert.NotNull(replayed);
        var lastSeq = replayed.Value.GetProperty("lastSeq").GetInt64();
        var history = await demo.GetAsync($"/api/v1/conversations/{conversation}/messages?includeBot=true&includeEvents=true&limit=500");
        Assert.Equal(lastSeq, history.EnumerateArray().Last().GetProperty("seq").GetInt64());
    }
}
