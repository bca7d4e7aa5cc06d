using System.Text.Json;
using Conversations.Abstractions.Common;
using Conversations.Api.Contracts.EventsOut;
using Conversations.Channels.Notifications;
using Conversations.Channels.Outbound;

namespace Conversations.Api.EventsOut;

/// <summary>
/// "Send test": one signed test event POSTed at once to a webhook URL (the notification webhook or an events-out
/// subscription), through the client under the <see cref="OutboundUrlPolicy"/>, and how it went: the status code and the
/// latency, or what failed in plain words with a code the console words in the tenant's language. Nothing is queued or
/// retried and nothing is recorded in a delivery log.
/// </summary>
public sealed class WebhookTester(IHttpClientFactory httpClients, IIdGenerator ids, TimeProvider time)
{
    /// <summary>The event type of a test event (<c>X-Conversations-Event</c> and the body's <c>type</c>).</summary>
    public const string EventType = "webhook.test";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Sends a test event of <paramref name="tenantId"/> to <paramref name="url"/>, signed with <paramref name="secret"/>.</summary>
    public async Task<WebhookTestResult> SendAsync(Guid tenantId, string url, string secret, CancellationToken cancellationToken)
    {
        var id = ids.NewId();
        var now = time.GetUtcNow();
        // The envelope of every event out ({ id, type, createdAt, tenantId, data }), so a receiver's parser is tested too.
        var body = JsonSerializer.Serialize(new
        {
            id = $"test.{id:N}", type = EventType, createdAt = now, tenantId,
            data = new { message = "A test event from Conversations: this endpoint receives the tenant's events." },
        }, Json);
        var clock = time.GetTimestamp();
        using var request = WebhookSignature.SignedPost(url, secret, now.ToUnixTimeSeconds(), body, EventType, id);
        try
        {
            using var response = await httpClients.CreateClient(WebhookNotificationSender.HttpClientName).SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookTestResult(true, status, Latency(clock), null, null)
                : new WebhookTestResult(false, status, Latency(clock), WebhookTestProblem.Status, $"the endpoint answered {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundAddressRefusedException refused)
        {
            return new WebhookTestResult(false, null, Latency(clock), WebhookTestProblem.Refused, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            var (problem, words) = ex.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => (WebhookTestProblem.HostNotFound, "the host name was not found"),
                HttpRequestError.SecureConnectionError => (WebhookTestProblem.Tls, "the secure (TLS) connection failed"),
                HttpRequestError.ConnectionError => (WebhookTestProblem.Unreachable, "the endpoint could not be reached (connection refused or failed)"),
                _ => (WebhookTestProblem.Unreachable, $"the call failed ({ex.HttpRequestError})"),
            };
            return new WebhookTestResult(false, null, Latency(clock), problem, words);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookTestResult(false, null, Latency(clock), WebhookTestProblem.Timeout, "the endpoint did not answer in time");
        }
    }

    private int Latency(long clock) => (int)Math.Min(int.MaxValue, time.GetElapsedTime(clock).TotalMilliseconds);
}
