using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
using Conversations.Grains.Channels;
using Conversations.Grains.Conversations;
using Conversations.Grains.Customers;
using Conversations.Testing.Channels;

namespace Conversations.Channels.Widget.Tests;

/// <summary>
/// Drives the widget through the conformance suite. Its "webhook" is the visitor API (<c>POST /widget/v1/{key}/messages</c>),
/// its secret the signed visitor token, its event id the client message id.
/// </summary>
public sealed class WidgetConformanceDriver : IChannelConformanceDriver, IAsyncLifetime
{
    private const string WidgetKey = "demo";
    private readonly WidgetAppFixture _app = new();
    private string _fuzzToken = "";

    public ChannelKind Kind => ChannelKind.Widget;

    /// <summary>The widget has no platform send API: delivery is the commit itself.</summary>
    public ISendErrorClassifier? Classifier => null;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _fuzzToken = await NewVisitorAsync();
    }

    public Task DisposeAsync() => _app.DisposeAsync();

    public async Task<InboundSample> NewTextMessageAsync(string text) =>
        new("text", await NewVisitorAsync(), JsonSerializer.Serialize(new { clientMessageId = Guid.NewGuid().ToString("N"), text }));

    public async Task<IReadOnlyList<InboundKindCase>> InboundKindsAsync() =>
    [
        new(await NewTextMessageAsync("hello"), typeof(TextContent)),
        new(new InboundSample("button", await NewVisitorAsync(),
            JsonSerializer.Serialize(new { clientMessageId = Guid.NewGuid().ToString("N"), payload = "menu:delivery", label = "Delivery" })), typeof(ButtonPressContent)),
    ];

    public async Task<HttpResponseMessage> DeliverAsync(InboundSample sample, WebhookCredential credential)
    {
        var token = credential switch
        {
            WebhookCredential.Valid => sample.Customer,
            WebhookCredential.Wrong => sample.Customer[..^4] + "AAAA", // the signature forged
            _ => null,
        };
        return await PostAsync(Encoding.UTF8.GetBytes(sample.Body), token);
    }

    public Task<HttpResponseMessage> DeliverRawAsync(byte[] body) => PostAsync(body, _fuzzToken);

    public async Task<IReadOnlyList<ChatMessage>> StoredFromAsync(InboundSample sample)
    {
        // The token is v1.{visitorId}.{signature}.
        var visitorId = Guid.ParseExact(sample.Customer.Split('.')[1], "N");
        var widget = await _app.App.Service<ChannelAccountCache>().GetAsync(new ChannelAccountKey(ChannelKind.Widget, WidgetKey));
        var grains = _app.App.Grains;
        var identity = WidgetUpdateMapper.Identity(widget!, visitorId);
        if (await grains.GetGrain<IChannelIdentityGrain>(identity.ToGrainKey()).GetCustomerIdAsync() is not { } customerId
            || (await grains.GetGrain<ICustomerGrain>(new CustomerKey(widget!.TenantId, customerId).ToGrainKey()).GetProfileAsync())?.CurrentConversationId is not { } conversationId)
        {
            return [];
        }

        return await grains.GetGrain<IConversationGrain>(new ConversationKey(widget.TenantId, conversationId).ToGrainKey())
            .GetHistoryAsync(new HistoryQuery(IncludeBot: true, IncludeEvents: false));
    }

    public IReadOnlyList<SendErrorCase> SendErrors() => [];

    private async Task<string> NewVisitorAsync()
    {
        var response = await _app.Http.PostAsJsonAsync($"/widget/v1/{WidgetKey}/session", new { });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/widget/v1/{WidgetKey}/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _app.Http.SendAsync(request);
    }
}
