using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conversations.Grains.Tests.Compatibility;

/// <summary>
/// During a rolling upgrade silos of the previous version call grains on new silos and read what they send (grain call
/// arguments, results, stream events), and the other way round. <c>Golden/wire-contract.json</c> records the contract
/// earlier versions used (see <see cref="WireContract"/>); the code must keep all of it: a reused or retyped
/// <c>[Id]</c>, a removed member, a renamed <c>[Alias]</c>, a removed or renumbered enum member, a removed or changed
/// grain method, or new methods without a higher <c>[Version]</c> fail here, saying what to do instead. Additions are
/// recorded with <c>RECORD_GOLDEN=1</c>, which adds them to the file and never changes what it holds.
/// </summary>
public sealed class WireContractTests
{
    private static readonly string ContractFile = Path.Combine(JsonValues.GoldenRoot, "wire-contract.json");

    [Fact]
    public void The_code_keeps_every_type_member_enum_and_grain_method_earlier_versions_used()
    {
        var breaks = WireContract.Breaks(Recorded(), WireContract.Current()).ToList();

        Assert.True(breaks.Count == 0,
            $"The wire contract earlier versions use is broken ({breaks.Count}); old and new silos could not talk during a rolling upgrade:" +
            Environment.NewLine + string.Join(Environment.NewLine, breaks.Select(b => "  - " + b)));
    }

    [Fact]
    public void Every_wire_type_and_grain_interface_of_this_version_is_recorded()
    {
        var recorded = Recorded();
        var current = WireContract.Current();
        var additions = WireContract.Additions(recorded, current).ToList();
        if (additions.Count > 0 && Environment.GetEnvironmentVariable("RECORD_GOLDEN") == "1")
        {
            File.WriteAllText(ContractFile, WireContract.Merge(recorded, current).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return;
        }

        Assert.True(additions.Count == 0,
            "Wire types, members or grain methods this version added are not in Golden/wire-contract.json, so the next change could break them unseen. " +
            "Record them: RECORD_GOLDEN=1 dotnet test tests/Conversations.Grains.Tests -c Release --no-build --filter WireContractTests" +
            Environment.NewLine + string.Join(Environment.NewLine, additions.Select(a => "  + " + a)));
    }

    [Fact]
    public void The_recorded_contract_covers_the_stream_event_and_the_conversation_grain()
    {
        var recorded = Recorded();

        Assert.Equal("Conversation: conv.ConversationView", recorded["types"]!["conv.ConversationEvent"]!["0"]!.GetValue<string>());
        Assert.NotNull(recorded["interfaces"]!["Conversations.Abstractions.Conversations.IConversationGrain"]);
    }

    // The guard itself: each kind of break is reported (so the check above can fail). The recorded contract is changed
    // in each, which stands for the code changing the other way (a member the record has and the code lacks was removed).

    [Fact]
    public void Reusing_an_id_for_another_type_is_a_break() =>
        AssertBreak(c => c["types"]!["conv.ConversationEvent"]!["1"] = "Messages: IReadOnlyList<String>", "[Id(1)]: was");

    [Fact]
    public void Removing_a_member_is_a_break() =>
        AssertBreak(c => c["types"]!["conv.ConversationView"]!["40"] = "Gone: String", "[Id(40)] 'Gone: String': removed");

    [Fact]
    public void Renaming_an_alias_is_a_break() =>
        AssertBreak(c => RenameKey(c["types"]!.AsObject(), "conv.ConversationEvent", "conv.ConversationEventOld"), "type 'conv.ConversationEventOld': no [GenerateSerializer] type");

    [Fact]
    public void Renumbering_an_enum_member_is_a_break() =>
        AssertBreak(c => c["enums"]!["Conversations.Abstractions.Conversations.ConversationStatus"]!["Closed"] = 99, "ConversationStatus'.Closed");

    [Fact]
    public void Removing_or_changing_a_grain_method_is_a_break() =>
        AssertBreak(c => RenameKey(c["interfaces"]!["Conversations.Abstractions.Conversations.IConversationGrain"]!["methods"]!.AsObject(),
            "RunPendingBotTurnsAsync()", "RunPendingBotTurnsAsync(Boolean)"), "RunPendingBotTurnsAsync(Boolean): removed or its parameters changed");

    [Fact]
    public void A_new_grain_method_without_a_higher_version_is_a_break() =>
        AssertBreak(c => c["interfaces"]!["Conversations.Abstractions.Conversations.IConversationGrain"]!["methods"]!.AsObject().Remove("RunPendingBotTurnsAsync()"),
            "gained RunPendingBotTurnsAsync()");

    [Fact]
    public void Additions_are_not_breaks_and_merging_keeps_what_was_recorded()
    {
        var current = WireContract.Current();
        var older = (JsonObject)current.DeepClone();
        older["types"]!["conv.ConversationView"]!.AsObject().Remove("19");
        older["types"]!.AsObject().Remove("conv.ConversationEvent");
        older["types"]!["conv.ConversationView"]!["3"] = "Status: Int32"; // a break the merge must not paper over

        var merged = WireContract.Merge(older, current);

        Assert.Empty(WireContract.Breaks(WireContract.Merge(current, current), current));
        Assert.Equal("Status: Int32", merged["types"]!["conv.ConversationView"]!["3"]!.GetValue<string>());
        Assert.NotNull(merged["types"]!["conv.ConversationView"]!["19"]);
        Assert.NotNull(merged["types"]!["conv.ConversationEvent"]);
        Assert.Contains(WireContract.Additions(older, current), a => a.Contains("conv.ConversationEvent", StringComparison.Ordinal));
    }

    private static void AssertBreak(Action<JsonObject> change, string expected)
    {
        var current = WireContract.Current();
        var recorded = (JsonObject)current.DeepClone();
        change(recorded);

        var breaks = WireContract.Breaks(recorded, current).ToList();

        Assert.Contains(breaks, b => b.Contains(expected, StringComparison.Ordinal));
    }

    private static void RenameKey(JsonObject node, string from, string to)
    {
        var value = node[from]!.DeepClone();
        node.Remove(from);
        node[to] = value;
    }

    private static JsonObject Recorded() =>
        File.Exists(ContractFile) ? JsonNode.Parse(File.ReadAllText(ContractFile))!.AsObject() : [];
}
