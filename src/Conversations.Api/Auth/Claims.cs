using System.Security.Claims;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Operators;

namespace Conversations.Api.Auth;

/// <summary>The claims a tenant user's principal carries, and reading them back.</summary>
public static class Claims
{
    /// <summary>The tenant id.</summary>
    public const string Tenant = "tid";

    /// <summary>The operator id (absent for API keys).</summary>
    public const string Operator = "sub";

    /// <summary>Operator or Admin.</summary>
    public const string Role = "role";

    /// <summary>The operator's security stamp when the token was issued (compared with the current one on every request).</summary>
    public const string SecurityStamp = "stamp";

    /// <summary>Display name.</summary>
    public const string Name = "name";

    /// <summary>The id of the API key a request came with (absent for operators' logins).</summary>
    public const string ApiKey = "api_key";

    /// <summary>The caller's tenant (every endpoint scopes to it).</summary>
    public static Guid TenantId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Tenant), out var tenant) ? tenant : throw new InvalidOperationException("No tenant claim.");

    /// <summary>The calling operator; API keys act without one.</summary>
    public static Guid? OperatorId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Operator), out var id) ? id : null;

    /// <summary>The calling operator, required for operator actions (taking, replying).</summary>
    public static Guid RequireOperatorId(this ClaimsPrincipal user) =>
        user.OperatorId() ?? throw DomainException.Rule("This action needs an operator's login, not an API key.");

    /// <summary>The caller's display name.</summary>
    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(Name) ?? "API";

    /// <summary>True for admins.</summary>
    public static bool IsAdmin(this ClaimsPrincipal user) => user.FindFirstValue(Role) == nameof(OperatorRole.Admin);
}
