using System.Net;
using System.Text;
using Conversations.Abstractions.Bot;
using Conversations.Bot.Http;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Bot.Tests.Http;

public sealed class HttpClientScenarioHttpClientTests
{
    private sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string? Body)> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Received.Add((request, request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
            return await respond(request, cancellationToken);
        }
    }

    private static ScenarioHttpRequest Request(string? body = null) => new(
        body is null ? HttpMethod.Get : HttpMethod.Post,
        new Uri("https://crm.test/orders?phone=%2B79991234567"),
        [new("Authorization", "Bearer t0k")],
        body,
        TimeSpan.FromSeconds(5));

    [Fact]
    public async Task The_request_is_sent_as_described_and_any_status_is_returned_with_its_body()
    {
        var handler = new StubHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent("""{"error":"not found"}""", Encoding.UTF8, "application/json"),
        }));
        using var http = new HttpClient(handler);
        var client = new HttpClientScenarioHttpClient(http, new FakeTimeProvider());

        var response = await client.SendAsync(Request("""{"phone":"+79991234567"}"""), CancellationToken.None);

        Assert.Equal(new ScenarioHttpResponse(404, """{"error":"not found"}"""), response);
        Assert.False(response.IsSuccess);
        var (sent, body) = Assert.Single(handler.Received);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://crm.test/orders?phone=%2B79991234567", sent.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer t0k", sent.Headers.Authorization!.ToString());
        Assert.Equal("application/json", sent.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("""{"phone":"+79991234567"}""", body);
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_ends_in_a_timeout_exception()
    {
        var time = new FakeTimeProvider();
        var handler = new StubHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var http = new HttpClient(handler);
        var client = new HttpClientScenarioHttpClient(http, time);

        var call = client.SendAsync(Request(), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call);
        Assert.Equal("GET https://crm.test/orders took longer than 5 s.", error.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        var handler = new StubHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var http = new HttpClient(handler);
        var client = new HttpClientScenarioHttpClient(http, new FakeTimeProvider());
        using var cancellation = new CancellationTokenSource();

        var call = client.SendAsync(Request(), cancellation.Token);
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<TimeoutException>(error);
    }

    [Fact]
    public async Task A_huge_body_is_cut_at_the_limit()
    {
        var handler = new StubHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(Enumerable.Repeat((byte)'a', HttpClientScenarioHttpClient.MaxBodyBytes + 1000).ToArray()),
        }));
        using var http = new HttpClient(handler);
        var client = new HttpClientScenarioHttpClient(http, new FakeTimeProvider());

        var response = await client.SendAsync(Request(), CancellationToken.None);

        Assert.Equal(HttpClientScenarioHttpClient.MaxBodyBytes, response.Body.Length);
    }
}
