using System.Security.Claims;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Reports;
using Conversations.Persistence.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.Reports;

/// <summary>
/// Numbers for the business: containment, handoffs, waits, first responses, CSAT, from the daily and hourly rollups (never
/// from the messages). Admins see the whole tenant; an operator sees the conversations they first took.
/// </summary>
public static class ReportEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapReportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(AuthExtensions.OperatorPolicy);
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            var name = kind.ToString().ToLowerInvariant();
            api.MapGet("/" + name, (HttpContext http, ClaimsPrincipal user, IReportStore store, ReportAggregator aggregator, IGrainFactory grains,
                    TimeProvider time, string? from, string? to, string? granularity, string? channel, string? timeZone, string? operatorId, string? format) =>
                    ReportAsync(kind, http, user, store, aggregator, grains, time, from, to, granularity, channel, timeZone, operatorId, format))
                .WithName("Report" + kind)
                .WithSummary(Summary(kind))
                .WithDescription(Summary(kind) + ". Every figure is defined in the README (\"Numbers for the business\").")
                .Produces<ReportResponse>(StatusCodes.Status200OK, "application/json", "text/csv")
                .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .AddOpenApiOperationTransformer((operation, _, _) =>
                {
                    ReportOpenApi.Describe(operation);
                    return Task.CompletedTask;
                });
        }

        app.MapPost("/api/v1/reports/recompute", Recompute).WithTags("Reports").RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithSummary("Rebuild the tenant's report figures from its whole history (after the definitions changed)")
            .WithDescription("Accepted at once; the report aggregator recomputes in the background, within Conversations:Reports:FlushInterval.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static string Summary(ReportKind kind) => kind switch
    {
        ReportKind.Overview => "Headline figures of a range, the range before it, and by period",
        ReportKind.Conversations => "Conversations started, contained, handed over (by cause), abandoned, waits and responses by period and channel",
        ReportKind.Operators => "Figures of the conversations each operator first took: handled, first response, wait, resolution",
        ReportKind.Bot => "What the bot resolves alone and why it hands over, by scenario entry point",
        _ => "Customer satisfaction from rating steps by period: offered, answered, response rate, average, satisfied share, distribution",
    };

    private static async Task<IResult> ReportAsync(ReportKind kind, HttpContext http, ClaimsPrincipal user, IReportStore store, ReportAggregator aggregator,
        IGrainFactory grains, TimeProvider time, string? from, string? to, string? granularity, string? channel, string? timeZone, string? operatorId, string? format)
    {
        var tenantId = user.TenantId();
        var acceptsCsv = http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        var settings = string.IsNullOrWhiteSpace(timeZone) ? await grains.GetGrain<ITenantGrain>(tenantId).GetSettingsAsync() : null;
        var parameters = ReportParameters.Parse(from, to, channel, granularity, timeZone, operatorId, format, acceptsCsv,
            settings?.WorkingHours.TimeZone ?? "UTC", time.GetUtcNow());
        if (!user.IsAdmin())
        {
            // An operator's figures are the conversations they first took.
            var self = user.OperatorId() ?? throw new DomainException(DomainErrorCode.Forbidden, "Reports need an operator's login or an admin's key.");
            if (parameters.OperatorId is { } asked && asked != self)
            {
                throw new DomainException(DomainErrorCode.Forbidden, "operatorId: an operator sees only their own figures.");
            }

            parameters = parameters with { OperatorId = self };
        }

        var channelFilter = (short?)parameters.Channel;
        var hoursOnly = parameters.Granularity == ReportGranularity.Hour;
        var (rollups, daysKept) = await store.ReadAsync(tenantId, parameters.FromUtc, parameters.ToUtc, parameters.Zone, hoursOnly, channelFilter,
            parameters.OperatorId, http.RequestAborted);
        ReportMeasures? previous = null;
        if (kind == ReportKind.Overview)
        {
            var before = parameters.Previous();
            var (earlier, _) = await store.ReadAsync(tenantId, before.FromUtc, before.ToUtc, parameters.Zone, hoursOnly, channelFilter, parameters.OperatorId,
                http.RequestAborted);
            previous = ReportCalculator.Total(earlier);
        }

        if (!daysKept && settings is not null)
        {
            // This answer summed hours; the tenant's own zone gets days from the aggregator's next run (never rebuilt inside a request).
            aggregator.RequestDays(tenantId, parameters.Zone);
        }

        var report = new ReportResponse(kind.ToString().ToLowerInvariant(), parameters.FromUtc, parameters.ToUtc, parameters.Zone.Id,
            parameters.Granularity.ToString().ToLowerInvariant(), ReportCalculator.Total(rollups), previous, ReportCalculator.Rows(kind, rollups, parameters));
        if (parameters.Csv)
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{report.Report}-{parameters.FromUtc:yyyyMMddHH}-{parameters.ToUtc:yyyyMMddHH}.csv\"";
            return TypedResults.Text(ReportCsv.Write(kind, report), "text/csv; charset=utf-8");
        }

        return TypedResults.Ok(report);
    }

    private static Accepted Recompute(ClaimsPrincipal user, ReportAggregator aggregator)
    {
        aggregator.RequestRecompute(user.TenantId());
        return TypedResults.Accepted((string?)null);
    }
}
