using System.Reflection;

namespace Conversations.Api.Tests;

/// <summary>
/// The API's enums are copies of the grains' enums (contracts carry no Orleans attributes), and the mappings convert
/// between them by value. A value added, removed or renumbered on one side only would reach clients as a bare number.
/// </summary>
public sealed class ContractEnumTests
{
    public static TheoryData<string> ContractEnums() => [.. ContractEnumNames()];

    [Theory]
    [MemberData(nameof(ContractEnums))]
    public void A_contract_enum_with_a_namesake_in_the_grains_has_the_same_names_and_values(string contractEnum)
    {
        var contract = typeof(Contracts.Messages.MessageContent).Assembly.GetType(contractEnum)!;
        var wire = typeof(Abstractions.Messages.MessageContent).Assembly.GetTypes()
            .SingleOrDefault(t => t.IsEnum && t.IsPublic && t.Name == contract.Name);
        if (wire is null)
        {
            return; // an API-only enum (e.g. a filter), nothing to keep in step with
        }

        Assert.Equal(Members(wire), Members(contract));
    }

    [Fact]
    public void The_enums_that_travel_between_grains_and_api_are_compared()
    {
        var compared = ContractEnumNames().Select(name => name.Split('.')[^1]).ToHashSet();

        Assert.Subset(compared, new HashSet<string> { "ConversationEventKind", "ChannelKind", "ConversationStatus", "OperatorRole" });
    }

    private static IEnumerable<string> ContractEnumNames() =>
        typeof(Contracts.Messages.MessageContent).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic).Select(t => t.FullName!);

    private static IReadOnlyList<string> Members(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => $"{f.Name}={Convert.ToInt64(f.GetValue(null), System.Globalization.CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal)];
}
