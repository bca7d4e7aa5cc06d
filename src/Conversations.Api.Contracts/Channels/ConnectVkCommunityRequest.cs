using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Channels;

/// <summary>Connects a VK community.</summary>
/// <param name="GroupId">The community's numeric id.</param>
/// <param name="Token">A community access token with the messages and manage rights.</param>
public sealed record ConnectVkCommunityRequest(long? GroupId, [property: MaxLength(FieldLimits.Secret)] string? Token);
