using System.Text.Json;

namespace Conversations.Api.Tests.Fuzzing;

/// <summary>One operation of the served OpenAPI document: what the fuzzer may call and with what.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Template">The path template, e.g. <c>/api/v1/conversations/{id}</c>.</param>
/// <param name="PathParameters">Names of the path parameters.</param>
/// <param name="QueryParameters">Names of the query parameters.</param>
/// <param name="Body">The JSON schema of the request body, when it takes one.</param>
public sealed record ApiOperation(
    HttpMethod Method,
    string Template,
    IReadOnlyList<string> PathParameters,
    IReadOnlyList<string> QueryParameters,
    JsonElement? Body)
{
    /// <summary>True for endpoints that answer with a never-ending event stream (only their headers are read).</summary>
    public bool IsEventStream => Template.EndsWith("/events", StringComparison.Ordinal);

    /// <summary>Every operation of <paramref name="document"/>.</summary>
    public static IReadOnlyList<ApiOperation> All(JsonElement document)
    {
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                JsonElement? body = operation.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
                    && json.TryGetProperty("schema", out var schema)
                        ? schema
                        : null;
                operations.Add(new ApiOperation(
                    new HttpMethod(operation.Name.ToUpperInvariant()),
                    path.Name,
                    [.. parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!)],
                    [.. parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!)],
                    body));
            }
        }

        return operations;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Template}";
}
