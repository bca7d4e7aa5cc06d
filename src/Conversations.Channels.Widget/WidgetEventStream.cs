using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Api.Contracts.Widget;
using Conversations.Abstractions.Channels;
using Conversations.Channels.Contracts;
using Microsoft.AspNetCore.Http;

namespace Conversations.Channels.Widget;

/// <summary>
/// The visitor's event stream (<c>GET /widget/v1/{account}/events</c>): the conversation's messages from the last event
/// id on, then live ones and the operators' signals, following the visitor to their next conversation after a close.
/// </summary>
internal static class WidgetEventStream
{
    /// <summary>
    /// The visitor's messages until they leave (<paramref name="requestAborted"/>) or the host stops (<paramref name="stopping"/>):
    /// then the sequence ends, so the response completes instead of holding up shutdown (the widget reconnects and resumes).
    /// </summary>
    public static async IAsyncEnumerable<SseItem<object?>> StreamAsync(HttpResponse response, IGrainFactory grains, WidgetMediaLinks media, ChannelAccount widget,
        Guid visitorId, string? resumeFrom, CancellationToken stopping, [EnumeratorCancellation] CancellationToken requestAborted = default)
    {
        // Send the status and headers now, not with the first message: a quiet conversation would otherwise leave the
        // client (and any proxy) without an answer until a message arrives.
        await response.Body.FlushAsync(requestAborted);
        using var open = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        var (conversationId, lastSeq) = ParseEventId(resumeFrom);
        var observer = new WidgetConversationObserver();
        var reference = grains.CreateObjectReference<IConversationObserver>(observer);
        IConversationGrain? subscribed = null;
        try
        {
            while (!open.IsCancellationRequested)
            {
                // (Re)attach to the visitor's current conversation: the first message opens it, a close replaces it.
                var current = await WidgetVisitorEndpoints.CurrentConversationAsync(grains, widget, visitorId);
                if (current is not null && current.GetPrimaryKeyString() != subscribed?.GetPrimaryKeyString())
                {
                    if (subscribed is not null)
                    {
                        await subscribed.UnsubscribeAsync(reference);
                    }

                    subscribed = current;
                    var key = ConversationKey.Parse(current.GetPrimaryKeyString());
                    if (key.ConversationId != conversationId)
                    {
                        (conversationId, lastSeq) = (key.ConversationId, 0);
                    }
                }

                if (subscribed is not null)
                {
                    // Subscribe first, then read history: nothing committed in between can be missed.
                    await subscribed.SubscribeAsync(reference);
                    foreach (var message in await subscribed.GetHistoryAsync(new HistoryQuery(AfterSeq: lastSeq, Limit: 500, IncludeEvents: false)))
                    {
                        lastSeq = message.Seq;
                        if (WidgetMessages.Of(message) is { } visible)
                        {
                            yield return new SseItem<object?>(await media.LinkAsync(visible, widget.TenantId), "message") { EventId = visible.Id };
                        }
                    }
                }

                // Live messages until it is time to renew the subscription (it expires after a minute) or a gap
                // shows (a message was dropped): then the next round re-reads the history from the last seq sent.
                using var renew = CancellationTokenSource.CreateLinkedTokenSource(open.Token);
                renew.CancelAfter(TimeSpan.FromSeconds(20));
                var gap = false;
                while (!gap && await WaitForMessagesAsync(observer, renew.Token))
                {
                    var live = new List<ChatMessage>();
                    var signals = new List<ConversationSignal>();
                    while (observer.Items.TryRead(out var item))
                    {
                        if (item.Message is { } message)
                        {
                            live.Add(message);
                        }
                        else if (item.Signal is { } signal && signal.ConversationId == conversationId)
                        {
                            signals.Add(signal);
                        }
                    }

                    foreach (var message in live.Where(m => m.ConversationId == conversationId && m.Seq > lastSeq).OrderBy(m => m.Seq))
                    {
                        if (message.Seq != lastSeq + 1)
                        {
                            gap = true;
                            break;
                        }

                        lastSeq = message.Seq;
                        if (WidgetMessages.Of(message) is { } visible)
                        {
                            yield return new SseItem<object?>(await media.LinkAsync(visible, widget.TenantId), "message") { EventId = visible.Id };
                        }
                    }

                    // After the messages they may mark as read; no id, so a reconnect resumes from the last message.
                    foreach (var signal in signals)
                    {
                        yield return new SseItem<object?>(new WidgetSignal(signal.Kind.ToContract(), signal.UpToSeq, signal.At), "signal");
                    }
                }

                if (!open.IsCancellationRequested)
                {
                    yield return new SseItem<object?>(null, "ping");
                }
            }
        }
        finally
        {
            if (subscribed is not null)
            {
                await subscribed.UnsubscribeAsync(reference).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            grains.DeleteObjectReference<IConversationObserver>(reference);
        }
    }

    private static async Task<bool> WaitForMessagesAsync(WidgetConversationObserver observer, CancellationToken cancellationToken)
    {
        try
        {
            return await observer.Items.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static (Guid ConversationId, long Seq) ParseEventId(string? id)
    {
        var parts = id?.Split(':');
        return parts is [var conversation, var seq] && Guid.TryParseExact(conversation, "N", out var c) && long.TryParse(seq, out var s)
            ? (c, s)
            : (Guid.Empty, 0);
    }
}
