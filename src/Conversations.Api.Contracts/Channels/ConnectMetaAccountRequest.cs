using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Channels;

/// <summary>Connects a Facebook Page (Messenger) or an Instagram professional account.</summary>
/// <param name="AppId">The Meta app the account's webhooks come through; one of this deployment's apps (Channels:Meta:Apps).</param>
/// <param name="AccountId">The Page id, or the Instagram professional account id, digits only.</param>
/// <param name="AccessToken">A Page access token (pages_messaging; Instagram: instagram_manage_messages); checked with Meta, never shown back.</param>
public sealed record ConnectMetaAccountRequest(
    [property: MaxLength(FieldLimits.Identifier)] string? AppId,
    [property: MaxLength(FieldLimits.Identifier)] string? AccountId,
    [property: MaxLength(FieldLimits.AccessToken)] string? AccessToken);
