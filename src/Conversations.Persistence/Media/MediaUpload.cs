namespace Conversations.Persistence.Media;

/// <summary>A checked file to store: its bytes were read whole, sniffed and measured against the tenant's limits.</summary>
/// <param name="MediaId">The id to give it if these bytes are new to the tenant.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="Bytes">The bytes.</param>
/// <param name="Sha256">Their SHA-256.</param>
/// <param name="ContentType">The sniffed type.</param>
/// <param name="FileName">The sanitised name, if any.</param>
/// <param name="CreatedAt">Now.</param>
public sealed record MediaUpload(Guid MediaId, Guid TenantId, byte[] Bytes, byte[] Sha256, string ContentType, string? FileName, DateTimeOffset CreatedAt);
