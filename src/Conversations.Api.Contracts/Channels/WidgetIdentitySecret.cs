namespace Conversations.Api.Contracts.Channels;

/// <summary>A widget's new identity secret, shown once: the business's server signs its users' ids with it (<c>userHash</c>).</summary>
/// <param name="Account">The widget's key.</param>
/// <param name="Secret">The secret (64 hex characters); the previous one stops working now.</param>
public sealed record WidgetIdentitySecret(string Account, string Secret);
