using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Widget;

/// <summary>Refused signed-in sessions: the widget and the reason, never the secret, the hash or the user's id.</summary>
internal static partial class WidgetSessionLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A signed-in session on widget {Account} was refused: its userHash does not match its userId")]
    public static partial void BadHash(ILogger logger, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A signed-in session on widget {Account} was refused: the widget has no identity secret")]
    public static partial void NoSecret(ILogger logger, string account);
}
