using System.Net;
using Conversations.Testing;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// Messages the business starts on Messenger after the 24-hour window, through the real API and the Send API stand-in
/// (which takes the purpose tags at any time and refuses an untagged message after 24 hours). Its own class: each
/// test moves the shared clock a day and a half.
/// </summary>
public sealed class MessengerBusinessTagTests(MessengerYesterdayDriver messenger) : IClassFixture<MessengerYesterdayDriver>
{
    [Fact]
    public async Task A_message_the_business_starts_after_24_hours_goes_under_the_purpose_tag_it_names_and_without_one_is_refused()
    {
        messenger.Graph.Clock = messenger.Clock;
        var customer = MessengerPlatformDriver.NewCustomer();
        await MessengerHumanAgentTests.WriteAsync(messenger, customer, "when will my order arrive?");
        await Eventually.HoldsAsync(() => Task.FromResult(messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, customer).Count > 0), "the bot's answer sent");
        messenger.Clock.Advance(MessengerYesterdayDriver.Behind);
        using var session = await ApiSession.SignInAsync(messenger.App.CreateClient(), "shop", "admin", "admin-password");
        var identity = new { channel = "Messenger", account = MessengerPlatformDriver.PageId, userId = customer };

        var untagged = await SendAsync(session.Http, new { identity, text = "Your order has shipped." });
        var tagged = await SendAsync(session.Http, new { identity, text = "Your order #1042 has shipped.", messageTag = "POST_PURCHASE_UPDATE" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, untagged.StatusCode);
        Assert.Equal(HttpStatusCode.Created, tagged.StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, customer)
            .Any(c => c.Field("message.text") == "Your order #1042 has shipped.")), "the tagged message accepted by the Send API");
        var sent = messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, customer).Single(c => c.Field("message.text") == "Your order #1042 has shipped.");
        Assert.Equal("MESSAGE_TAG", sent.Field("messaging_type"));
        Assert.Equal("POST_PURCHASE_UPDATE", sent.Field("tag"));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/messages") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }
}
