namespace Conversations.Client.Requests;

internal sealed record LoginRequest(string Tenant, string Username, string Password);
