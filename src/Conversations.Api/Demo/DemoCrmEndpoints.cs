using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.Demo;

/// <summary>
/// <c>GET /demo/crm/orders?phone=</c>: a stand-in for a shop's CRM that the sample scenario's order-status step calls.
/// Deterministic: the order and its status follow from the phone number; numbers ending in 0 have no order.
/// </summary>
public static class DemoCrmEndpoints
{
    private static readonly string[] Statuses = ["принят / accepted", "собирается / being packed", "передан курьеру / with the courier", "доставлен / delivered"];
    private static readonly string[] Couriers = ["Иван, +7 900 111-22-33", "Мария, +7 900 444-55-66", "Олег, +7 900 777-88-99"];

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapDemoCrm(this IEndpointRouteBuilder app)
    {
        app.MapGet("/demo/crm/orders", (string? phone) =>
        {
            var digits = new string([.. (phone ?? "").Where(char.IsAsciiDigit)]);
            if (digits.Length < 4)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "phone is required");
            }

            if (digits.EndsWith('0'))
            {
                return Results.Ok(new { found = false });
            }

            var seed = digits.Sum(c => c - '0');
            return Results.Ok(new
            {
                order = new
                {
                    number = "A-" + digits[^4..],
                    status = Statuses[seed % Statuses.Length],
                    courier = Couriers[seed % Couriers.Length],
                    eta = (1 + seed % 3).ToString(CultureInfo.InvariantCulture) + " дн.",
                },
            });
        }).WithTags("Demo").WithSummary("Demo CRM used by the sample scenario");
        return app;
    }
}
