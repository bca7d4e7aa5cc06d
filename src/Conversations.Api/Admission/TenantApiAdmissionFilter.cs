using System.Globalization;
using Conversations.Abstractions.Tenants.Admission;
using Conversations.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Conversations.Api.Admission;

/// <summary>
/// Admits each call of a tenant's operators, admins and integrations within the tenant's plan (<see cref="TenantWork.Api"/>):
/// over it, 429 with <c>Retry-After</c>. Applies to the endpoints that require the operator or admin policy (the ones a
/// tenant's caller reaches); webhooks, the widget and the platform API are not the tenant's API calls. The concurrency slot
/// is held while the handler runs.
/// </summary>
internal sealed class TenantApiAdmissionFilter(ITenantAdmission admission) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!IsTenantApi(http.GetEndpoint()?.Metadata) || !Guid.TryParse(http.User.FindFirst(Claims.Tenant)?.Value, out var tenantId))
        {
            return await next(context);
        }

        using var lease = await admission.AdmitAsync(TenantWork.Api, tenantId);
        if (!lease.Admitted)
        {
            http.Response.Headers.RetryAfter = lease.RetryAfterHeader;
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                type: AuthExtensions.TooManyRequestsType,
                title: "Too many requests",
                detail: $"{lease.Reason} Retry in {lease.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture)} s.",
                extensions: new Dictionary<string, object?> { ["limit"] = "TenantApi", ["retryAfterSeconds"] = lease.RetryAfterSeconds });
        }

        return await next(context);
    }

    /// <summary>True for an endpoint a tenant's caller reaches: it requires the operator or the admin policy.</summary>
    public static bool IsTenantApi(IEnumerable<object>? metadata) =>
        metadata?.OfType<IAuthorizeData>().Any(a => a.Policy is AuthExtensions.OperatorPolicy or AuthExtensions.AdminPolicy) == true;
}
