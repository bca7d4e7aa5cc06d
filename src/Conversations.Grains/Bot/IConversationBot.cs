namespace Conversations.Grains.Bot;

/// <summary>The bot: answers one customer message of a conversation in bot status.</summary>
public interface IConversationBot
{
    /// <summary>The bot's reply (possibly nothing) to <see cref="BotRequest.Message"/>, and its session afterwards.</summary>
    Task<BotReply> ReplyAsync(BotRequest request, CancellationToken cancellationToken);
}
