using Conversations.Messages;

namespace Conversations.Bot;

/// <summary>
/// The bot of a tenant without a scenario: greets on <c>/start</c>, acknowledges messages so the customer knows they
/// arrived, and says politely what it cannot read.
/// </summary>
public sealed class FallbackBot : IConversationBot
{
    /// <inheritdoc />
    public Task<BotReply> ReplyAsync(BotRequest request, CancellationToken cancellationToken)
    {
        MessageContent reply = request.Message.Content switch
        {
            TextContent { Text: var text } when text.StartsWith("/start", StringComparison.OrdinalIgnoreCase) =>
                new TextContent("Здравствуйте! Напишите ваш вопрос — мы ответим. / Hello! Write your question and we will answer."),
            UnsupportedContent unsupported =>
                new TextContent($"Извините, я пока не умею читать сообщения типа «{unsupported.Kind}». Напишите, пожалуйста, текстом. / Sorry, I cannot read {unsupported.Kind} messages yet; please write text."),
            _ => new TextContent("Спасибо, мы получили ваше сообщение. / Thank you, we received your message."),
        };
        return Task.FromResult(new BotReply([reply], request.SessionJson));
    }
}
