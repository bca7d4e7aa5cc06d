namespace Conversations.Abstractions.Conversations;

/// <summary>What a channel tells about the person writing (<c>GeneratedName</c>: the name is made up, such as a website visitor's, and never replaces a real one).</summary>
[GenerateSerializer, Immutable, Alias("conv.SenderProfile")]
public sealed record SenderProfile(
    [property: Id(0)] string? DisplayName,
    [property: Id(1)] string? Username = null,
    [property: Id(2)] string? LanguageCode = null,
    [property: Id(3)] bool GeneratedName = false)
{
    /// <summary>Nothing known.</summary>
    public static SenderProfile Unknown { get; } = new(DisplayName: null);
}
