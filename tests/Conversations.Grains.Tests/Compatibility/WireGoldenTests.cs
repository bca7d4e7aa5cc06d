using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Conversations.Grains.Tests.Compatibility;

/// <summary>
/// Bytes an earlier version's Orleans serializer wrote for each wire record (stream events, grain call arguments and
/// results) still deserialize in today's types with every value in place. The goldens under
/// <c>Compatibility/Golden/wire</c> hold, per type alias, the serialized bytes of a sample (every member set, see
/// <see cref="SampleValues"/>) and its values by <c>[Id]</c>. Goldens are added, never rewritten: <c>RECORD_GOLDEN=1</c>
/// records the types that have none.
/// </summary>
public sealed class WireGoldenTests
{
    private static readonly string GoldenDirectory = Path.Combine(JsonValues.GoldenRoot, "wire");

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder =>
        {
            foreach (var assembly in WireContract.Assemblies)
            {
                builder.AddAssembly(assembly);
            }
        })
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public static TheoryData<string> Goldens() => [.. Recorded()];

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Bytes_written_by_an_earlier_version_read_back_with_every_value(string alias)
    {
        var golden = JsonNode.Parse(File.ReadAllText(Path.Combine(GoldenDirectory, alias + ".json")))!;

        var value = Serializer.Deserialize<object>(Convert.FromBase64String(golden["bytes"]!.GetValue<string>()))!;

        Assert.Equal(alias, WireContract.AliasOf(value.GetType()));
        var lost = JsonValues.Lost(golden["values"], WireValues.Of(value), "$").ToList();
        Assert.True(lost.Count == 0, $"{alias}: values an earlier version sent are lost or changed:{Environment.NewLine}{string.Join(Environment.NewLine, lost)}");
    }

    [Fact]
    public void The_tenant_feed_event_has_a_golden()
    {
        // The one record every operator feed reads from the stream, whichever silo published it.
        Assert.Contains("conv.ConversationEvent", Recorded());
    }

    [Fact]
    public void Every_wire_record_of_this_version_has_a_golden()
    {
        var recorded = Recorded().ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var type in WireContract.Assemblies.SelectMany(a => a.GetTypes())
                     .Where(t => t.GetCustomAttributes(typeof(GenerateSerializerAttribute), false).Length > 0 && !t.IsEnum && !t.IsAbstract && !t.ContainsGenericParameters)
                     .Where(t => !recorded.Contains(WireContract.AliasOf(t))))
        {
            if (SampleValues.Of(type) is not { } sample)
            {
                continue; // its constructor refuses derived values: the wire contract test still guards its members
            }

            if (Environment.GetEnvironmentVariable("RECORD_GOLDEN") == "1")
            {
                var golden = new JsonObject
                {
                    ["type"] = WireContract.AliasOf(type),
                    ["bytes"] = Convert.ToBase64String(Serializer.SerializeToArray<object>(sample)),
                    ["values"] = WireValues.Of(sample),
                };
                File.WriteAllText(Path.Combine(GoldenDirectory, WireContract.AliasOf(type) + ".json"), golden.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            }
            else
            {
                missing.Add(WireContract.AliasOf(type));
            }
        }

        Assert.True(missing.Count == 0,
            "Wire records without golden bytes (the next version could not be checked against them). Record them: " +
            "RECORD_GOLDEN=1 dotnet test tests/Conversations.Grains.Tests -c Release --no-build --filter WireGoldenTests" +
            Environment.NewLine + string.Join(Environment.NewLine, missing.Select(m => "  + " + m)));
    }

    private static IEnumerable<string> Recorded() =>
        Directory.GetFiles(GoldenDirectory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);
}
