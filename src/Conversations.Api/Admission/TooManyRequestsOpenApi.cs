using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Conversations.Api.Admission;

/// <summary>
/// Documents the refusals of the tenant's plan in the OpenAPI document: every tenant endpoint may answer 429 (a problem
/// document), and every 429 says in <c>Retry-After</c> how many seconds to wait.
/// </summary>
internal static class TooManyRequestsOpenApi
{
    private const string Status = "429";

    /// <summary>Adds the transformer to <paramref name="options"/>.</summary>
    public static OpenApiOptions AddTooManyRequestsResponses(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            operation.Responses ??= [];
            if (TenantApiAdmissionFilter.IsTenantApi(context.Description.ActionDescriptor.EndpointMetadata) && !operation.Responses.ContainsKey(Status))
            {
                operation.Responses[Status] = new OpenApiResponse
                {
                    Description = "Too Many Requests",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                    },
                };
            }

            if (operation.Responses.TryGetValue(Status, out var refused) && refused is OpenApiResponse response)
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying (at least 1).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                };
            }

            return Task.CompletedTask;
        });
}
