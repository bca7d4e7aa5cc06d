namespace Conversations.Persistence.Media;

/// <summary>The bucket of <see cref="MediaStoreKind.S3"/> (<c>Conversations:Media:S3</c>).</summary>
public sealed class S3MediaOptions
{
    /// <summary>The bucket's name (required).</summary>
    public string Bucket { get; set; } = "";

    /// <summary>The endpoint of an S3-compatible service (MinIO, Ceph, Yandex Object Storage); empty: AWS itself in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The region requests are signed for (AWS: the bucket's region; most S3-compatible services take <c>us-east-1</c>).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Addresses the bucket in the path (<c>host/bucket/key</c>) rather than the host name; most S3-compatible services need it.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>The access key id; empty: the SDK's default credentials (environment, instance profile, web identity).</summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret access key that goes with <see cref="AccessKey"/> (never logged).</summary>
    public string? SecretKey { get; set; }

    /// <summary>Prepended to every key, so one bucket can serve several installations (e.g. <c>conversations/</c>).</summary>
    public string KeyPrefix { get; set; } = "";
}
