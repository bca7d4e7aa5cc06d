namespace Conversations.Client.Models;

/// <summary>A button under a message: sends <paramref name="Payload"/> back when pressed, or opens <paramref name="Url"/>.</summary>
public sealed record Button(string Label, string? Payload = null, string? Url = null);
