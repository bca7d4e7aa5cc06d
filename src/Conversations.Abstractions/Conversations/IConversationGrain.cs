using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Orleans.Concurrency;

namespace Conversations.Abstractions.Conversations;

/// <summary>
/// The dialogue between one customer and the tenant (key: <see cref="ConversationKey"/>): its status, the
/// per-conversation message sequence and the last customer message time per channel. Message history lives
/// in the message store, not in grain state.
/// </summary>
[Orleans.CodeGeneration.Version(3)] // 1: the merge methods; 2: replies on a chosen channel; 3: signals and RenameCustomerAsync (an older silo lacks them); see the README's upgrade rules
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends a customer's message; returns once it is durable. A redelivery of the same
    /// <see cref="InboundMessage.DedupKey"/> returns <see cref="InboundOutcome.Duplicate"/> with the first copy's position.
    /// Throws <see cref="Common.DomainException"/> (conflict) when the conversation is closed.
    /// </summary>
    Task<InboundResult> ReceiveCustomerMessageAsync(CustomerProfile customer, InboundMessage message);

    /// <summary>
    /// Applies a customer's edit of an earlier message of this conversation: the stored message gets the new content
    /// and keeps the old one as a revision. Returns false when the message is not in this conversation or unchanged.
    /// </summary>
    Task<bool> ApplyCustomerEditAsync(InboundEdit edit);

    /// <summary>
    /// Records a reply the business typed in the channel's own interface (VK's community messages) as an operator
    /// message: stored once per dedup key, never sent by us. False when already recorded or the conversation is closed or empty.
    /// </summary>
    Task<bool> RecordChannelReplyAsync(InboundMessage reply);

    /// <summary>
    /// Links our stored copy of a customer's image or document (or the reason there is none) to message
    /// <paramref name="seq"/>, fetched in the background after the message was stored. Not an edit: no revision is
    /// kept. Operators' feeds get the completed message. Returns false when the message carries no channel file.
    /// </summary>
    Task<bool> AttachMediaAsync(long seq, MediaAttachment media);

    /// <summary>
    /// Lets the bot answer customer messages it has not answered yet (after a crash, the sweeper calls this).
    /// One-way: callers never wait for the bot.
    /// </summary>
    [OneWay]
    Task RunPendingBotTurnsAsync();

    /// <summary>Starts sending new messages to <paramref name="observer"/>; renew within a minute or it expires.</summary>
    Task SubscribeAsync(IConversationObserver observer);

    /// <summary>Stops sending messages to <paramref name="observer"/>.</summary>
    Task UnsubscribeAsync(IConversationObserver observer);

    /// <summary>
    /// Hands the conversation to the operators (the customer asked, the bot gave up, a scenario step or a low survey
    /// score): flags it in the queue, tells the customer (or, outside working hours, when operators are back) and
    /// notifies the business by e-mail and/or signed webhook. No-op when already waiting or in live chat.
    /// </summary>
    Task<ConversationView> RequestOperatorAsync(string reason);

    /// <summary>An operator takes the chat; when another operator has it already, a conflict naming them.</summary>
    Task<ConversationView> TakeAsync(OperatorRef operatorRef);

    /// <summary>
    /// The queue assigns the chat to an operator; returns false (and changes nothing) when the conversation no longer
    /// waits for one.
    /// </summary>
    Task<bool> AssignAsync(OperatorRef operatorRef);

    /// <summary>The operator hands the conversation back to the bot.</summary>
    Task<ConversationView> ReleaseAsync(Guid operatorId);

    /// <summary>The operator passes the chat to a colleague, with an optional private note for them.</summary>
    Task<ConversationView> TransferAsync(Guid fromOperatorId, OperatorRef to, string? note = null);

    /// <summary>
    /// The operator who has the chat passes it to a group of colleagues (normalized like a label): it waits in the queue
    /// again, from now, for a member of the group (auto-assignment gives it only to them; anyone may still take it), the
    /// customer is told from the tenant's texts, and the optional note is kept for whoever takes it.
    /// </summary>
    Task<ConversationView> TransferToGroupAsync(Guid fromOperatorId, string group, string? note = null);

    /// <summary>
    /// An operator of the tenant (whoever has the chat) writes a private note into the conversation: an event in its
    /// history that colleagues see and the customer never gets (events have no channel and no outbox row).
    /// </summary>
    Task<ChatMessage> AddNoteAsync(Guid operatorId, string text);

    /// <summary>
    /// An operator of the tenant sets the conversation's labels (replacing them; normalized by
    /// <see cref="ConversationLabels.Normalize"/>); a change is an event in the history naming what was added and removed.
    /// </summary>
    Task<ConversationView> SetLabelsAsync(Guid operatorId, IReadOnlyList<string> labels);

    /// <summary>
    /// Passes on a <see cref="ConversationSignal"/> without storing anything: the customer's (typing, read up to
    /// <paramref name="upToSeq"/>) to operators' feeds, an operator's to the conversation's observers (the widget).
    /// Typing is passed on at most once per <c>ConversationGrain.TypingEvery</c> per side, a read mark only when it moves
    /// forward, and the customer's signals only while an operator is wanted or has the chat. Only the operator who has the chat
    /// may signal typing (<see cref="Common.DomainException"/> as for a reply); a closed conversation passes nothing on.
    /// </summary>
    Task SignalAsync(ConversationSignalKind kind, Guid? operatorId, long upToSeq);

    /// <summary>Closes the conversation (by an operator, or null for the system); the next customer message opens a new one.</summary>
    Task<ConversationView> CloseAsync(Guid? operatorId);

    /// <summary>
    /// Sends the operator's reply (several messages for a gallery). Only the assigned operator in live chat may send,
    /// and only while the channel's messaging window for human agents is open. Restarts the auto-release countdown.
    /// </summary>
    Task<IReadOnlyList<ChatMessage>> SendOperatorMessageAsync(Guid operatorId, IReadOnlyList<MessageContent> contents);

    /// <summary>
    /// Sends the operator's reply like <see cref="SendOperatorMessageAsync"/>, but on <paramref name="channel"/>, another
    /// linked channel of <paramref name="customer"/> (the conversation's customer, read fresh from its grain so identities
    /// a merge brought are known) rather than the one they last wrote from. Throws a rule refusal naming the channel's
    /// rule (<see cref="Outbound.OutboundRuleNames"/>) when the customer has no identity there, the channel no longer
    /// delivers to it, or its window for a human agent is closed (unknown counts as closed on a windowed channel).
    /// </summary>
    Task<IReadOnlyList<ChatMessage>> SendOperatorMessageOnAsync(Guid operatorId, IReadOnlyList<MessageContent> contents, CustomerProfile customer,
        Channels.ChannelKind channel);

    /// <summary>
    /// Sends a message the business starts (see <see cref="ICustomerGrain.SendBusinessMessageAsync"/>) as a bot message
    /// through the outbox, on the first channel of the message's list whose rule allows it (the customer's last channel
    /// when the list is empty). <paramref name="earlierWindows"/>: the customer's last message per channel in their
    /// previous conversation, for a conversation opened by this message. Throws a rule refusal naming the rule of the
    /// last channel tried, and a conflict when the conversation is closed.
    /// </summary>
    Task<Outbound.BusinessMessageResult> SendBusinessMessageAsync(CustomerProfile customer, Outbound.BusinessMessage message,
        IReadOnlyDictionary<Channels.ChannelKind, DateTimeOffset>? earlierWindows);

    /// <summary>
    /// The channel said the messaging window on <paramref name="channel"/> has closed (WhatsApp 131047, from a send or a
    /// failed status): replies that need it are refused from now until the customer writes there again. No-op when the
    /// conversation does not exist or the customer has written there since <paramref name="at"/>.
    /// </summary>
    Task CloseMessagingWindowAsync(Channels.ChannelKind channel, DateTimeOffset at);

    /// <summary>Reminds a silent customer that an answer is awaited.</summary>
    Task<ConversationView> RemindCustomerAsync(Guid operatorId);

    /// <summary>The conversation as operators see it, or null when it was never opened.</summary>
    Task<ConversationView?> GetViewAsync();

    /// <summary>
    /// Makes the conversation and its messages <paramref name="customerId"/>'s (a merge or an unmerge moved it there):
    /// the stored row and messages are rewritten, and later messages carry the new customer.
    /// </summary>
    Task MoveToCustomerAsync(Guid customerId);

    /// <summary>A page of history in sequence order.</summary>
    Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(HistoryQuery query);

    /// <summary>
    /// The operator who had the chat is gone (removed by an admin): the customer waits in the queue again for another
    /// operator. No-op unless the chat is in live chat with that operator.
    /// </summary>
    Task<ConversationView> ReturnToQueueAsync(Guid operatorId, string reason);

    /// <summary>
    /// Shows the customer's name as an operator corrected it (inbox, queue, feeds) without waiting for the customer's next
    /// message; nothing happens when it is already that name or there is no conversation.
    /// </summary>
    Task RenameCustomerAsync(string displayName);
}
