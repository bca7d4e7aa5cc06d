using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Channels;

/// <summary>Connects a Telegram bot.</summary>
/// <param name="Token">The bot token from @BotFather.</param>
/// <param name="Mode">Webhook (default; needs Channels:Telegram:PublicBaseUrl) or polling.</param>
public sealed record ConnectTelegramBotRequest([property: MaxLength(FieldLimits.Secret)] string? Token, InboundMode Mode = InboundMode.Webhook);
