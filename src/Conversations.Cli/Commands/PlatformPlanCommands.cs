using System.CommandLine;
using System.Globalization;
using Conversations.Api.Contracts.Platform;
using Conversations.Cli.Output;

namespace Conversations.Cli.Commands;

/// <summary>
/// <c>platform plans …</c> and <c>platform tenant-plan</c>: the plans that bound each tenant's bot turns, API calls and
/// sends, and which tenant is on which.
/// </summary>
internal static class PlatformPlanCommands
{
    private const string BudgetFormat = "PER_SECOND/BURST/CONCURRENT, e.g. 20/40/10";

    public static Command Plans(CliContext context) =>
        new("plans", "The plans that bound tenants' work") { List(context), Show(context), Set(context) };

    private static Command List(CliContext context)
    {
        var key = PlatformCommands.KeyOption();
        var command = new Command("list", "Every plan with its budgets (per second / burst / concurrent)") { key };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var plans = await PlatformCommands.CallAsync(context, parse, key, client => client.ListPlansAsync(cancellationToken));
            if (plans.Count == 0)
            {
                await context.Out.WriteLineAsync("No plans yet: every tenant is unbounded. Create one with `conversations platform plans set NAME --inbound 20/40/10 --api 50/100/20 --outbound 20/40/10`.");
                return;
            }

            var table = new Table("PLAN", "INBOUND", "API", "OUTBOUND");
            foreach (var plan in plans.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                table.Add(plan.Name, Text(plan.Inbound), Text(plan.Api), Text(plan.Outbound));
            }

            await table.WriteAsync(context.Out);
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var key = PlatformCommands.KeyOption();
        var name = new Argument<string>("name") { Description = "The plan's name" };
        var command = new Command("show", "One plan's budgets") { key, name };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var plan = await PlatformCommands.CallAsync(context, parse, key, client => client.GetPlanAsync(parse.GetRequiredValue(name), cancellationToken));
            await WriteAsync(context, plan);
        });
        return command;
    }

    private static Command Set(CliContext context)
    {
        var key = PlatformCommands.KeyOption();
        var name = new Argument<string>("name") { Description = "The plan's name (lowercase letters, digits, dashes)" };
        var inbound = new Option<string>("--inbound") { Description = $"Bot turns on the tenant's incoming messages: {BudgetFormat}", Required = true };
        var api = new Option<string>("--api") { Description = $"Calls to the API by the tenant's people and integrations: {BudgetFormat}", Required = true };
        var outbound = new Option<string>("--outbound") { Description = $"Sends to the channels: {BudgetFormat}", Required = true };
        var command = new Command("set", "Create or replace a plan; tenants on it follow within seconds") { key, name, inbound, api, outbound };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var request = new SetPlanRequest(
                Parse("--inbound", parse.GetRequiredValue(inbound)), Parse("--api", parse.GetRequiredValue(api)), Parse("--outbound", parse.GetRequiredValue(outbound)));
            var plan = await PlatformCommands.CallAsync(context, parse, key, client => client.SetPlanAsync(parse.GetRequiredValue(name), request, cancellationToken));
            await context.Out.WriteLineAsync($"Saved plan '{plan.Name}'.");
            await WriteAsync(context, plan);
        });
        return command;
    }

    public static Command TenantPlan(CliContext context)
    {
        var key = PlatformCommands.KeyOption();
        var tenant = new Argument<string>("tenant") { Description = "The tenant's slug" };
        var plan = new Argument<string?>("plan") { Description = "The plan to put it on (leave out to see its plan)", Arity = ArgumentArity.ZeroOrOne };
        var none = new Option<bool>("--none") { Description = "Take the tenant off any plan (unbounded)" };
        var command = new Command("tenant-plan", "See or change the plan a tenant is on") { key, tenant, plan, none };
        context.Handle(command, async (parse, cancellationToken) =>
        {
            var slug = parse.GetRequiredValue(tenant);
            var named = parse.GetValue(plan);
            var unbounded = parse.GetValue(none);
            if (named is not null && unbounded)
            {
                throw new CliException(ExitCodes.Usage, "Give a plan or --none, not both.");
            }

            var assignment = await PlatformCommands.CallAsync(context, parse, key, client => named is null && !unbounded
                ? client.GetTenantPlanAsync(slug, cancellationToken)
                : client.AssignPlanAsync(slug, named, cancellationToken));
            await context.Out.WriteLineAsync(assignment.Plan is null
                ? $"Tenant '{assignment.Tenant}' is on no plan (unbounded)."
                : $"Tenant '{assignment.Tenant}' is on the plan '{assignment.Plan}'.");
        });
        return command;
    }

    /// <summary>Reads <c>20/40/10</c>; the server checks the ranges and names the field when one is out of them.</summary>
    private static PlanBudget Parse(string option, string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 3
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var perSecond)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var burst)
            && int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var concurrent))
        {
            return new PlanBudget(perSecond, burst, concurrent);
        }

        throw new CliException(ExitCodes.Usage, $"{option} '{text}': expected {BudgetFormat}.");
    }

    private static string Text(PlanBudget budget) =>
        string.Create(CultureInfo.InvariantCulture, $"{budget.PerSecond}/{budget.Burst}/{budget.Concurrent}");

    private static async Task WriteAsync(CliContext context, Plan plan)
    {
        var table = new Table("BUDGET", "PER SECOND", "BURST", "CONCURRENT");
        foreach (var (label, budget) in new[] { ("inbound (bot turns)", plan.Inbound), ("api (calls)", plan.Api), ("outbound (sends)", plan.Outbound) })
        {
            table.Add(label, budget.PerSecond.ToString(CultureInfo.InvariantCulture), budget.Burst.ToString(CultureInfo.InvariantCulture),
                budget.Concurrent.ToString(CultureInfo.InvariantCulture));
        }

        await table.WriteAsync(context.Out);
    }
}
