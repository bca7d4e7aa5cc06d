namespace Conversations.Abstractions.Channels;

/// <summary>A kind of file a channel carries and the largest such file it accepts.</summary>
/// <param name="Kind">The kind of file.</param>
/// <param name="MaxBytes">The largest file of that kind the platform accepts, in bytes.</param>
[GenerateSerializer, Immutable, Alias("conv.MediaLimit")]
public sealed record MediaLimit(
    [property: Id(0)] MediaKind Kind,
    [property: Id(1)] long MaxBytes);
