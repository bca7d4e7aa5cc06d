namespace Conversations.Channels.Notifications;

/// <summary>One SMS the platform sends for a tenant (a one-time code of a scenario's verify step).</summary>
/// <param name="TenantId">Whose customer it goes to.</param>
/// <param name="MessageId">Our id of it; the same on every retry, for the provider to drop repeats.</param>
/// <param name="To">The number in E.164 form.</param>
/// <param name="Text">The text.</param>
public sealed record SmsMessage(Guid TenantId, Guid MessageId, string To, string Text);
