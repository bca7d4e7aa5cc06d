namespace Conversations.Testing.Channels;

/// <summary>One inbound call as the platform would make it, from one customer.</summary>
/// <param name="Kind">What it carries, in the platform's terms ("text", "callback_query"...).</param>
/// <param name="Customer">The driver's handle on the customer it comes from (a Telegram user id, a widget visitor token).</param>
/// <param name="Body">The body, exactly as sent.</param>
public sealed record InboundSample(string Kind, string Customer, string Body);
