using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// The public shape of the HTTP API (<c>/openapi/v1.json</c>) is the committed snapshot: a change to a request or
/// response type shows up here, so it is made on purpose and reviewed, never by accident.
/// </summary>
public sealed class OpenApiSnapshotTests
{
    private const string UpdateVariable = "UPDATE_SNAPSHOTS";

    [Fact]
    public async Task The_served_openapi_document_matches_the_committed_snapshot()
    {
        await using var app = new ConversationsApp(seedDemo: false);
        using var http = app.CreateClient();

        var served = Normalise(await http.GetStringAsync("/openapi/v1.json"));

        var path = SnapshotPath();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served);
            return;
        }

        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        Assert.True(committed.ReplaceLineEndings("\n") == served,
            $"The OpenAPI document differs from {path}. If the change of the public API is intended, run the test again with " +
            $"{UpdateVariable}=1 (e.g. `{UpdateVariable}=1 dotnet test tests/Conversations.Api.Tests --filter OpenApiSnapshot`), " +
            $"review the diff of the snapshot and commit it. First difference at line {FirstDifference(committed, served)}.");
    }

    /// <summary>The document with object properties in ordinal order and without server addresses (they name the test host).</summary>
    private static string Normalise(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        document.Remove("servers");
        return Sorted(document)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    private static int FirstDifference(string committed, string served)
    {
        var expected = committed.ReplaceLineEndings("\n").Split('\n');
        var actual = served.Split('\n');
        var line = 0;
        while (line < expected.Length && line < actual.Length && expected[line] == actual[line])
        {
            line++;
        }

        return line + 1;
    }

    private static string SnapshotPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Snapshots", "openapi.v1.json");
}
