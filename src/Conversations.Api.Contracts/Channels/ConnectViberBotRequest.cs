using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Channels;

/// <summary>Connects a Viber bot.</summary>
/// <param name="Token">The bot's authentication token (its app key: Viber app → More → Settings → Bots → Edit Info).</param>
public sealed record ConnectViberBotRequest([property: MaxLength(FieldLimits.Secret)] string? Token);
