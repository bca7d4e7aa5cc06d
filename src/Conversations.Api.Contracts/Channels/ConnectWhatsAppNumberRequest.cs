using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Channels;

/// <summary>Connects a WhatsApp Business phone number (Cloud API).</summary>
/// <param name="AppId">The Meta app the number's webhooks come through; one of this deployment's apps (Channels:Meta:Apps).</param>
/// <param name="PhoneNumberId">The Phone number ID (WhatsApp Manager → API Setup), digits only.</param>
/// <param name="WabaId">The WhatsApp Business Account ID, digits only.</param>
/// <param name="AccessToken">A system user access token with whatsapp_business_messaging; checked with Meta, never shown back.</param>
public sealed record ConnectWhatsAppNumberRequest(
    [property: MaxLength(FieldLimits.Identifier)] string? AppId,
    [property: MaxLength(FieldLimits.Identifier)] string? PhoneNumberId,
    [property: MaxLength(FieldLimits.Identifier)] string? WabaId,
    [property: MaxLength(FieldLimits.AccessToken)] string? AccessToken);
