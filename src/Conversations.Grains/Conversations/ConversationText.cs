using Conversations.Abstractions.Messages;

namespace Conversations.Grains.Conversations;

/// <summary>Short texts about messages, for previews.</summary>
internal static class ConversationText
{
    /// <summary>The first 200 characters of a message, or its kind in brackets when it has no text.</summary>
    public static string Preview(MessageContent content)
    {
        var text = content.ToPlainText();
        if (text.Length == 0)
        {
            text = content switch
            {
                ImageContent => "[image]",
                DocumentContent => "[document]",
                LocationContent => "[location]",
                ContactContent => "[contact]",
                UnsupportedContent u => $"[{u.Kind}]",
                _ => "",
            };
        }

        return text.Length <= 200 ? text : text[..200];
    }
}
