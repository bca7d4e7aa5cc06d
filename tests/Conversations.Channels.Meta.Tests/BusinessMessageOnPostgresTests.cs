using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// Idempotency of messages the business starts on real PostgreSQL: the key is the message's dedup key under the
/// messages table's unique index, so it holds across customers (whose conversations are different grains).
/// </summary>
public sealed class BusinessMessageOnPostgresTests(WhatsAppOnPostgresFixture whatsApp) : IClassFixture<WhatsAppOnPostgresFixture>
{
    [Fact]
    public async Task A_key_used_again_at_once_or_for_another_customer_returns_the_first_message_and_sends_nothing()
    {
        var anna = await CustomerWritesAsync();
        var boris = await CustomerWritesAsync();
        var key = Guid.NewGuid().ToString();
        using var crm = await BusinessMessageTests.CrmAsync(whatsApp);
        var first = await BusinessMessageTests.SendAsync(crm, key, new { identity = BusinessMessageTests.Identity(anna), text = "Order #1 shipped" });
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => BusinessMessageTests.SendAsync(crm, key, new { identity = BusinessMessageTests.Identity(anna), text = "Order #1 shipped" })));
        var otherCustomer = await BusinessMessageTests.SendAsync(crm, key, new { identity = BusinessMessageTests.Identity(boris), text = "Order #1 shipped" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var messageId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetGuid();
        foreach (var response in again.Append(otherCustomer))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(answer.GetProperty("duplicate").GetBoolean());
            Assert.Equal(messageId, answer.GetProperty("messageId").GetGuid());
        }

        await Eventually.HoldsAsync(() => Task.FromResult(BusinessMessageTests.Texts(whatsApp, anna).Contains("Order #1 shipped")), "the one message sent");
        Assert.Single(BusinessMessageTests.Texts(whatsApp, anna), t => t == "Order #1 shipped");
        Assert.DoesNotContain("Order #1 shipped", BusinessMessageTests.Texts(whatsApp, boris));
    }

    private async Task<string> CustomerWritesAsync()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "hello")));
        await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, customer);
        return customer;
    }
}
