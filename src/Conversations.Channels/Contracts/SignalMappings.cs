using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Api.Contracts.Conversations;

namespace Conversations.Channels.Contracts;

/// <summary>Live signals between the API's contracts and the grains': who sends one decides which side's kind it is.</summary>
public static class SignalMappings
{
    /// <summary>The operator's signal as the conversation takes it, or a 400 naming the field.</summary>
    public static ConversationSignalKind FromOperator(this SignalRequest request) =>
        KindOf(request, ConversationSignalKind.OperatorTyping, ConversationSignalKind.ReadByOperator);

    /// <summary>The customer's (a widget visitor's) signal as the conversation takes it, or a 400 naming the field.</summary>
    public static ConversationSignalKind FromCustomer(this SignalRequest request) =>
        KindOf(request, ConversationSignalKind.CustomerTyping, ConversationSignalKind.ReadByCustomer);

    /// <summary>What the receiving side is told: typing or read, whoever sent it.</summary>
    public static SignalKind ToContract(this ConversationSignalKind kind) =>
        kind is ConversationSignalKind.CustomerTyping or ConversationSignalKind.OperatorTyping ? SignalKind.Typing : SignalKind.Read;

    private static ConversationSignalKind KindOf(SignalRequest request, ConversationSignalKind typing, ConversationSignalKind read) => request.Kind switch
    {
        SignalKind.Typing => typing,
        SignalKind.Read when request.UpToSeq > 0 => read,
        SignalKind.Read => throw DomainException.Invalid("$.upToSeq: a read mark names the last message read (its seq, 1 or more)."),
        _ => throw DomainException.Invalid("$.kind: Typing or Read."),
    };
}
