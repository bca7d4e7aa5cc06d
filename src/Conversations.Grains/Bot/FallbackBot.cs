using Conversations.Abstractions.Messages;

namespace Conversations.Grains.Bot;

/// <summary>
/// The bot of a tenant without a scenario: greets on <c>/start</c>, acknowledges messages so the customer knows they
/// arrived (without claiming to understand them, so after a few the conversation goes to an operator), and says
/// politely what it cannot read.
/// </summary>
public sealed class FallbackBot : IConversationBot
{
    /// <inheritdoc />
    public Task<BotReply> ReplyAsync(BotRequest request, CancellationToken cancellationToken)
    {
        var reply = request.Message.Content switch
        {
            TextContent { Text: var text } when text.StartsWith("/start", StringComparison.OrdinalIgnoreCase) => new BotReply(
                [new TextContent("Здравствуйте! Напишите ваш вопрос — мы ответим. / Hello! Write your question and we will answer.")], request.SessionJson),
            UnsupportedContent unsupported => new BotReply(
                [new TextContent($"Извините, я пока не умею читать сообщения типа «{unsupported.Kind}». Напишите, пожалуйста, текстом. / Sorry, I cannot read {unsupported.Kind} messages yet; please write text.")],
                request.SessionJson),
            _ => new BotReply([new TextContent("Спасибо, мы получили ваше сообщение. / Thank you, we received your message.")], request.SessionJson, Understood: false),
        };
        return Task.FromResult(reply);
    }
}
