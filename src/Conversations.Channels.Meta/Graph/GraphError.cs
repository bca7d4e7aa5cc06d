namespace Conversations.Channels.Meta.Graph;

/// <summary>
/// The Graph API's error object (developers.facebook.com/docs/graph-api/guides/error-handling; for WhatsApp
/// developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes):
/// <c>{"error":{"message","type","code","error_subcode","error_data":{"details"},"fbtrace_id"}}</c>.
/// </summary>
/// <param name="Code">The error code (<c>code</c>): what handling is built on.</param>
/// <param name="Subcode">The <c>error_subcode</c>, when given (Messenger: 2018278 = outside the window).</param>
/// <param name="Message">The <c>message</c>, for people.</param>
/// <param name="Type">The <c>type</c> (OAuthException...).</param>
/// <param name="Details">WhatsApp's <c>error_data.details</c>, when given.</param>
/// <param name="TraceId">The <c>fbtrace_id</c>, for Meta's support.</param>
public sealed record GraphError(int Code, int? Subcode, string? Message, string? Type, string? Details, string? TraceId)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"({Code}{(Subcode is { } s ? $"/{s}" : "")}) {Message}{(string.IsNullOrEmpty(Details) ? "" : $": {Details}")}";
}
