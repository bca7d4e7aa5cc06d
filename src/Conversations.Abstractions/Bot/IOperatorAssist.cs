namespace Conversations.Abstractions.Bot;

/// <summary>The optional AI's help for an operator: a summary of a conversation and a suggested reply.</summary>
public interface IOperatorAssist
{
    /// <summary>
    /// Asks the model about conversation <paramref name="conversationId"/> of <paramref name="tenantId"/>. Throws a
    /// <c>DomainException</c> when the tenant or the platform has the feature off, or the conversation does not exist.
    /// </summary>
    Task<OperatorAssistance> AssistAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken);
}
