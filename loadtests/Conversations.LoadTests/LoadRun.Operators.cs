using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Conversations.LoadTests;

/// <summary>The simulated operators and customers' traffic: feeds, answers, webhook and widget requests.</summary>
internal sealed partial class LoadRun
{
    /// <summary>An operator: watches the feed (reconnecting), notes when customers' messages appear, answers chats assigned to them.</summary>
    private async Task OperatorLoopAsync(Uri target, string token, Guid operatorId, CancellationToken cancellationToken)
    {
        string? lastEventId = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target, "/api/v1/events"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (lastEventId is not null)
                {
                    request.Headers.Add("Last-Event-ID", lastEventId);
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                string? eventId = null;
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        eventId = line[4..];
                    }
                    else if (line.StartsWith("data: {", StringComparison.Ordinal))
                    {
                        lastEventId = eventId ?? lastEventId;
                        await OnFeedEventAsync(target, token, operatorId, JsonDocument.Parse(line[6..]).RootElement, cancellationToken);
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException)
            {
                // The silo went away (fault run): reconnect, possibly elsewhere, resuming after the last event.
                target = targets[Random.Shared.Next(targets.Count)];
                await Task.Delay(500, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task OnFeedEventAsync(Uri target, string token, Guid operatorId, JsonElement feedEvent, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var message in feedEvent.GetProperty("messages").EnumerateArray())
        {
            if (message.GetProperty("direction").GetString() == "Customer"
                && message.GetProperty("content").TryGetProperty("text", out var text)
                && text.GetString() is { } value && value.LastIndexOf('#') is var hash and >= 0
                && long.TryParse(value[(hash + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var sequence))
            {
                _seenByOperator.TryAdd(sequence, now);
            }
        }

        var conversation = feedEvent.GetProperty("conversation");
        var id = conversation.GetProperty("conversationId").GetGuid();
        var lastSeq = conversation.GetProperty("lastSeq").GetInt64();
        _feedLastSeq.GetOrAdd(operatorId, _ => new()).AddOrUpdate(id, lastSeq, (_, seen) => Math.Max(seen, lastSeq));
        if (conversation.GetProperty("status").GetString() == "LiveChat"
            && conversation.GetProperty("assignedOperatorId").ValueKind == JsonValueKind.String
            && conversation.GetProperty("assignedOperatorId").GetGuid() == operatorId
            && _operatorAnswered.TryAdd(id, 0))
        {
            _takenConversations.TryAdd(id, 0);
            Interlocked.Exchange(ref _lastOperatorActionAt, Stopwatch.GetTimestamp());
            var reply = await SendAsync(HttpMethod.Post, target, $"/api/v1/conversations/{id}/messages", token, new { text = "Здравствуйте! Оператор на связи, уже смотрю ваш заказ." });
            if (!reply.IsSuccessStatusCode)
            {
                _operatorAnswered.TryRemove(id, out _);
            }
        }
    }

    private async Task<HttpResponseMessage> SendTelegramAsync(Uri target, Customer customer, string text, long sequence, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, $"/webhooks/telegram/{BotId}"))
        {
            Content = new StringContent(TelegramUpdate(sequence, customer.Id, text), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", _secret);
        return await _http.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWidgetAsync(Uri target, Customer customer, string text, long sequence, CancellationToken cancellationToken)
    {
        // One session per visitor, even when two of their messages go out at once.
        Task<(string Token, Guid VisitorId)> session;
        lock (customer)
        {
            if (customer.WidgetSession is { IsFaulted: true } or { IsCanceled: true })
            {
                customer.WidgetSession = null; // the silo went away mid-session (fault run): start again
            }

            session = customer.WidgetSession ??= CreateSessionAsync();
        }

        async Task<(string, Guid)> CreateSessionAsync()
        {
            var created = await Json(await _http.PostAsJsonAsync(new Uri(target, $"/widget/v1/{_widgetKey}/session"), new { }, cancellationToken));
            return (created.GetProperty("token").GetString()!, created.GetProperty("visitorId").GetGuid());
        }

        var (token, _) = await session;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, $"/widget/v1/{_widgetKey}/messages"))
        {
            Content = JsonContent.Create(new { clientMessageId = sequence.ToString(CultureInfo.InvariantCulture), text }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request, cancellationToken);
    }

    private static string TelegramUpdate(long updateId, long userId, string text) => JsonSerializer.Serialize(new
    {
        update_id = updateId,
        message = new
        {
            message_id = updateId,
            from = new { id = userId, is_bot = false, first_name = "Load", last_name = userId.ToString(CultureInfo.InvariantCulture), language_code = "ru" },
            chat = new { id = userId, type = "private", first_name = "Load" },
            date = 1_790_000_000,
            text,
        },
    });

    private async Task PlatformPostAsync(Uri target, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Platform-Key", settings.PlatformKey);
        (await _http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private async Task<string> LoginAsync(Uri target, string username, string password)
    {
        var response = await _http.PostAsJsonAsync(new Uri(target, "/api/v1/auth/login"), new { tenant = _slug, username, password });
        return (await Json(response)).GetProperty("accessToken").GetString()!;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri target, string path, string token, object? body)
    {
        var request = new HttpRequestMessage(method, new Uri(target, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _http.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
