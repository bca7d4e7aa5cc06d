namespace Conversations.Channels.Vk.Api;

/// <summary>
/// An error object VK answered a method call with (HTTP 200 and <c>{"error":{"error_code":...,"error_msg":...}}</c>,
/// dev.vk.com/reference/errors). Classified by <see cref="ErrorCode"/>, never by the message.
/// </summary>
public sealed class VkApiException(int errorCode, string message, string method) : Exception($"{method}: {errorCode} {message}")
{
    /// <summary>VK's <c>error_code</c>.</summary>
    public int ErrorCode { get; } = errorCode;

    /// <summary>The method that failed.</summary>
    public string Method { get; } = method;
}
