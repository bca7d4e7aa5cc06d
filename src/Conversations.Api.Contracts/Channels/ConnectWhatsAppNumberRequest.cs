using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Channels;

/// <summary>Connects a WhatsApp Business phone number (Cloud API).</summary>
/// <param name="AppId">The Meta app the number's webhooks come through; one of this deployment's apps (Channels:Meta:Apps).</param>
/// <param name="PhoneNumberId">The Phone number ID (WhatsApp Manager → API Setup), digits only.</param>
/// <param name="WabaId">The WhatsApp Business Account ID, digits only.</param>
/// <param name="AccessToken">A system user access token with whatsapp_business_messaging; checked with Meta, never shown back.</param>
/// <param name="MessagesPerSecond">
/// The number's pacing rate (messages a second, received ones included), when the business wants one of its own;
/// left out, the number is paced at its throughput level as Meta reports it (80 STANDARD, 1000 HIGH).
/// </param>
public sealed record ConnectWhatsAppNumberRequest(
    [property: MaxLength(FieldLimits.Identifier)] string? AppId,
    [property: MaxLength(FieldLimits.Identifier)] string? PhoneNumberId,
    [property: MaxLength(FieldLimits.Identifier)] string? WabaId,
    [property: MaxLength(FieldLimits.AccessToken)] string? AccessToken,
    [property: Range(1d, 1000d)] double? MessagesPerSecond = null);
