using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Customers;

/// <summary>A deep link into one of the tenant's messengers that carries a one-time "continue in messenger" token.</summary>
/// <param name="Channel">The messenger.</param>
/// <param name="Account">The tenant's account on it (bot id, page id, community id, phone number id).</param>
/// <param name="Name">What the account is called (the bot's @username, the page's name).</param>
/// <param name="Url">The link: <c>https://t.me/&lt;bot&gt;?start=</c>, <c>https://m.me/&lt;page&gt;?ref=</c>, <c>https://wa.me/&lt;number&gt;?text=</c>, <c>https://vk.me/club&lt;id&gt;?ref=</c> or <c>viber://pa?chatURI=&lt;uri&gt;&amp;context=</c> with the token.</param>
public sealed record ContinueLink(ChannelKind Channel, string Account, string Name, string Url);
