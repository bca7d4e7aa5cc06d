using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Conversations.Channels.Telegram;

/// <summary>
/// One <see cref="TelegramBotClient"/> per bot token, on a shared HTTP client. The client's own retries of HTTP 429
/// are turned off: the outbox retries, so every attempt shows in the delivery status and nothing is retried twice.
/// </summary>
public sealed class TelegramClientFactory(IHttpClientFactory httpClients, IOptions<TelegramOptions> options)
{
    /// <summary>Name of the HTTP client used for the Bot API.</summary>
    public const string HttpClientName = "telegram-bot-api";

    private readonly ConcurrentDictionary<string, ITelegramBotClient> _clients = new(StringComparer.Ordinal);

    /// <summary>The client for <paramref name="token"/>.</summary>
    public ITelegramBotClient For(string token) => _clients.GetOrAdd(token, t =>
        new TelegramBotClient(
            new TelegramBotClientOptions(t, options.Value.ApiBaseUrl) { RetryCount = 0 },
            httpClients.CreateClient(HttpClientName)));
}
