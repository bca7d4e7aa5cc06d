using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Widget;

/// <summary>One thing for a visitor's open stream: a committed message, or an operator's signal (typing, read).</summary>
/// <param name="Message">The message, or null for a signal.</param>
/// <param name="Signal">The signal, or null for a message.</param>
internal readonly record struct WidgetLiveItem(ChatMessage? Message, ConversationSignal? Signal);
