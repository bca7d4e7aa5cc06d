using Conversations.Abstractions.Common;
using Microsoft.AspNetCore.Http;

namespace Conversations.Api.Validation;

/// <summary>
/// Refuses, before the handler runs, a request whose body exceeds its contract's limits (<see cref="ContractValidator"/>)
/// or whose route or query names an enum value that does not exist (binding from a route accepts any number, so
/// <c>/channels/999/x</c> would otherwise reach the domain as channel 999). The answer is a 400 ProblemDetails naming
/// every field and its limit, through <see cref="DomainException"/> and the API's exception handler.
/// </summary>
internal static class ContractValidationFilter
{
    /// <summary>The filter for one endpoint: checks only the parameters that can break a limit; none for the rest.</summary>
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = context.MethodInfo.GetParameters();
        var checkedParameters = parameters
            .Select((parameter, index) => (parameter.Name ?? $"[{index}]", Index: index, Type: parameter.ParameterType))
            .Where(p => ContractValidator.AppliesTo(p.Type) || (Nullable.GetUnderlyingType(p.Type) ?? p.Type).IsEnum)
            .ToArray();
        if (checkedParameters.Length == 0)
        {
            return next;
        }

        return invocation =>
        {
            var problems = new List<string>();
            foreach (var (name, index, type) in checkedParameters)
            {
                var value = invocation.Arguments[index];
                if (value is Enum enumValue && !Enum.IsDefined(enumValue.GetType(), enumValue))
                {
                    problems.Add($"{name}: '{enumValue}' is not one of {string.Join(", ", Enum.GetNames(enumValue.GetType()))}.");
                }
                else if (ContractValidator.AppliesTo(type))
                {
                    problems.AddRange(ContractValidator.Problems(value));
                }
            }

            return problems.Count == 0 ? next(invocation) : throw DomainException.Invalid(string.Join(" ", problems));
        };
    }
}
