namespace Conversations.Channels.Meta.Graph;

/// <summary>The Graph API answered with an error object.</summary>
/// <param name="status">The HTTP status of the answer.</param>
/// <param name="error">The error object.</param>
public sealed class GraphApiException(int status, GraphError error) : Exception($"Graph API {status}: {error}")
{
    /// <summary>The HTTP status of the answer.</summary>
    public int Status { get; } = status;

    /// <summary>The error object.</summary>
    public GraphError Error { get; } = error;
}
