using System.Reflection;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Conversations;
using Conversations.Channels.Email;
using Conversations.Grains.Customers;
using Orleans.CodeGeneration;

namespace Conversations.Grains.Tests.Compatibility;

/// <summary>
/// What silos of two versions must agree on to talk to each other, read by reflection from the assemblies that hold
/// grain interfaces and Orleans wire records: every <c>[GenerateSerializer]</c> type by its <c>[Alias]</c> with its
/// members by <c>[Id]</c> (name and type), every enum those members carry (member → number), and every grain interface
/// by its full name with its <c>[Version]</c> and methods. Kept as JSON in <c>Compatibility/Golden/wire-contract.json</c>.
/// </summary>
internal static class WireContract
{
    /// <summary>The assemblies whose grain interfaces and wire records travel between silos.</summary>
    internal static readonly Assembly[] Assemblies =
        [typeof(ConversationEvent).Assembly, typeof(CustomerState).Assembly, typeof(IEmailThreadGrain).Assembly];

    /// <summary>The contract of the code as built now.</summary>
    internal static JsonObject Current()
    {
        var types = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var interfaces = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var enums = new SortedDictionary<Type, JsonNode?>(Comparer<Type>.Create((a, b) => string.CompareOrdinal(a.FullName, b.FullName)));
        foreach (var type in Assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetCustomAttribute<GenerateSerializerAttribute>() is not null && !type.IsEnum)
            {
                var members = new SortedDictionary<int, JsonNode?>();
                foreach (var member in type.GetMembers(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                {
                    if (member.GetCustomAttribute<IdAttribute>() is { } id && MemberType(member) is { } memberType)
                    {
                        members[(int)id.Id] = $"{member.Name}: {Describe(memberType)}";
                        CollectEnums(memberType, enums);
                    }
                }

                types[AliasOf(type)] = new JsonObject(members.Select(m => KeyValuePair.Create(m.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Value)));
            }
            else if (type.IsInterface && typeof(IAddressable).IsAssignableFrom(type) && type.IsPublic)
            {
                var methods = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
                foreach (var method in type.GetMethods())
                {
                    var parameters = method.GetParameters();
                    methods[$"{method.Name}({string.Join(", ", parameters.Select(p => Describe(p.ParameterType)))})"] = Describe(method.ReturnType);
                    foreach (var parameterType in parameters.Select(p => p.ParameterType).Append(method.ReturnType))
                    {
                        CollectEnums(parameterType, enums);
                    }
                }

                interfaces[type.FullName!] = new JsonObject
                {
                    ["version"] = type.GetCustomAttribute<VersionAttribute>() is { } version ? (int)version.Version : 0,
                    ["methods"] = new JsonObject(methods),
                };
            }
        }

        return new JsonObject
        {
            ["types"] = new JsonObject(types),
            ["enums"] = new JsonObject(enums.Select(e => KeyValuePair.Create(e.Key.FullName!, e.Value))),
            ["interfaces"] = new JsonObject(interfaces),
        };
    }

    /// <summary>
    /// What the current contract breaks of the recorded one, each with what to do instead. Additions are not problems;
    /// a grain interface that gained methods without a higher <c>[Version]</c> is.
    /// </summary>
    internal static IEnumerable<string> Breaks(JsonObject recorded, JsonObject current)
    {
        foreach (var (alias, recordedMembers) in Section(recorded, "types"))
        {
            if (Section(current, "types").FirstOrDefault(t => t.Key == alias).Value is not JsonObject members)
            {
                yield return $"type '{alias}': no [GenerateSerializer] type has this [Alias] any more. A silo of the previous version sends it: " +
                    "keep the type (or put the old alias back on its successor); retire it only a release after nothing sends it.";
                continue;
            }

            foreach (var (id, was) in recordedMembers!.AsObject())
            {
                if (!members.TryGetPropertyValue(id, out var now))
                {
                    yield return $"type '{alias}' [Id({id})] '{was}': removed. A previous version still writes it: keep the member " +
                        "(mark it obsolete if nothing reads it); its [Id] is never reused.";
                }
                else if (!TypeOf(was).Equals(TypeOf(now), StringComparison.Ordinal))
                {
                    yield return $"type '{alias}' [Id({id})]: was '{was}', now '{now}'. Changing a member's type breaks what the " +
                        "previous version sends: put the old type back and add the new shape under a new [Id].";
                }
            }
        }

        foreach (var (name, recordedValues) in Section(recorded, "enums"))
        {
            var values = Section(current, "enums").FirstOrDefault(e => e.Key == name).Value as JsonObject;
            foreach (var (member, number) in recordedValues!.AsObject())
            {
                if (values is null || !values.TryGetPropertyValue(member, out var now) || !JsonNode.DeepEquals(now, number))
                {
                    yield return $"enum '{name}'.{member} = {number}: {(values is null ? "the enum is gone" : "removed or renumbered")}. " +
                        "Wire records and stored state carry the number: keep every member with its number; add new ones with new numbers.";
                }
            }
        }

        foreach (var (name, recordedInterface) in Section(recorded, "interfaces"))
        {
            if (Section(current, "interfaces").FirstOrDefault(i => i.Key == name).Value is not JsonObject now)
            {
                yield return $"grain interface '{name}': gone or renamed. Silos of the previous version call it by this name: keep it " +
                    "(a new interface may sit beside it); remove it only a release after nothing calls it.";
                continue;
            }

            var recordedMethods = recordedInterface!["methods"]!.AsObject();
            var methods = now["methods"]!.AsObject();
            foreach (var (signature, returns) in recordedMethods)
            {
                if (!methods.TryGetPropertyValue(signature, out var nowReturns))
                {
                    yield return $"grain interface '{name}'.{signature}: removed or its parameters changed. The previous version calls " +
                        "it: keep the method as it was and add a new one (raising the interface's [Version]).";
                }
                else if (!JsonNode.DeepEquals(returns, nowReturns))
                {
                    yield return $"grain interface '{name}'.{signature}: returned {returns}, now {nowReturns}. Keep the return type; add a new method instead.";
                }
            }

            var recordedVersion = recordedInterface["version"]!.GetValue<int>();
            var version = now["version"]!.GetValue<int>();
            if (version < recordedVersion)
            {
                yield return $"grain interface '{name}': [Version({version})] is lower than the recorded {recordedVersion}. Versions only go up.";
            }
            else if (version == recordedVersion && methods.Any(m => !recordedMethods.ContainsKey(m.Key)))
            {
                yield return $"grain interface '{name}': gained {string.Join(", ", methods.Where(m => !recordedMethods.ContainsKey(m.Key)).Select(m => m.Key))} " +
                    $"at the recorded [Version({recordedVersion})]. Raise it to [Version({recordedVersion + 1})], so calls of the new methods " +
                    "go only to silos that have them while old ones still serve (backward-compatible versioning).";
            }
        }
    }

    /// <summary>What the current contract has that the recorded one does not (types, members, enum members, interfaces, methods, versions).</summary>
    internal static IEnumerable<string> Additions(JsonObject recorded, JsonObject current)
    {
        foreach (var section in new[] { "types", "enums" })
        {
            foreach (var (name, entries) in Section(current, section))
            {
                var known = Section(recorded, section).FirstOrDefault(t => t.Key == name).Value as JsonObject;
                foreach (var (key, _) in entries!.AsObject().Where(e => known is null || !known.ContainsKey(e.Key)))
                {
                    yield return $"{section} '{name}' {key}";
                }
            }
        }

        foreach (var (name, entry) in Section(current, "interfaces"))
        {
            var known = Section(recorded, "interfaces").FirstOrDefault(i => i.Key == name).Value;
            if (known is null || !JsonNode.DeepEquals(known["version"], entry!["version"]))
            {
                yield return $"interface '{name}' version {entry!["version"]}";
            }

            foreach (var (signature, _) in entry!["methods"]!.AsObject().Where(m => known is null || !known["methods"]!.AsObject().ContainsKey(m.Key)))
            {
                yield return $"interface '{name}' {signature}";
            }
        }
    }

    /// <summary>
    /// The recorded contract with the current one's additions merged in: nothing recorded is changed or dropped (a break
    /// stays a break), new types, members, enum members, interfaces and methods are added and versions raised.
    /// </summary>
    internal static JsonObject Merge(JsonObject recorded, JsonObject current)
    {
        var merged = (JsonObject)recorded.DeepClone();
        foreach (var section in new[] { "types", "enums", "interfaces" })
        {
            var target = merged[section] as JsonObject ?? (JsonObject)(merged[section] = new JsonObject());
            foreach (var (name, entry) in Section(current, section))
            {
                if (target[name] is not JsonObject known)
                {
                    target[name] = entry!.DeepClone();
                    continue;
                }

                var (into, from) = section == "interfaces" ? (known["methods"]!.AsObject(), entry!["methods"]!.AsObject()) : (known, entry!.AsObject());
                foreach (var (key, value) in from.Where(e => !into.ContainsKey(e.Key)).ToList())
                {
                    into[key] = value!.DeepClone();
                }

                if (section == "interfaces" && entry!["version"]!.GetValue<int>() > known["version"]!.GetValue<int>())
                {
                    known["version"] = entry["version"]!.GetValue<int>();
                }

                Sort(into, byNumber: section == "enums");
            }

            Sort(target, byNumber: false);
        }

        return merged;
    }

    /// <summary>Orders entries as <see cref="Current"/> writes them: by name, members by <c>[Id]</c>, enum members by number.</summary>
    private static void Sort(JsonObject node, bool byNumber)
    {
        var ordered = (byNumber
                ? node.OrderBy(p => p.Value!.GetValue<long>()).ThenBy(p => p.Key, StringComparer.Ordinal)
                : node.OrderBy(p => int.TryParse(p.Key, out var n) ? n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture) : p.Key, StringComparer.Ordinal))
            .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())).ToList();
        node.Clear();
        foreach (var (key, value) in ordered)
        {
            node[key] = value;
        }
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Section(JsonObject contract, string name) =>
        contract[name] as JsonObject ?? [];

    private static string TypeOf(JsonNode? member) => member!.GetValue<string>()[(member.GetValue<string>().IndexOf(": ", StringComparison.Ordinal) + 2)..];

    /// <summary>A type as the wire sees it: a wire record by its alias, anything else by its C# name with its arguments.</summary>
    internal static string Describe(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Describe(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Describe(type.GetElementType()!) + "[]";
        }

        if (type.GetCustomAttribute<GenerateSerializerAttribute>() is not null && !type.IsEnum)
        {
            return AliasOf(type);
        }

        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>";
        }

        return type.IsEnum ? type.FullName! : type.Name;
    }

    /// <summary>The name Orleans writes for a wire type: its <c>[Alias]</c>, else its full name.</summary>
    internal static string AliasOf(Type type) => type.GetCustomAttribute<AliasAttribute>()?.Alias ?? type.FullName!;

    private static Type? MemberType(MemberInfo member) => member switch
    {
        PropertyInfo property => property.PropertyType,
        FieldInfo field => field.FieldType,
        _ => null,
    };

    private static void CollectEnums(Type type, IDictionary<Type, JsonNode?> enums)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            CollectEnums(underlying, enums);
        }
        else if (type.IsEnum && Assemblies.Contains(type.Assembly) && !enums.ContainsKey(type))
        {
            enums[type] = new JsonObject(Enum.GetNames(type).Select(n =>
                KeyValuePair.Create(n, (JsonNode?)Convert.ToInt64(Enum.Parse(type, n), System.Globalization.CultureInfo.InvariantCulture))));
        }
        else if (type.IsArray)
        {
            CollectEnums(type.GetElementType()!, enums);
        }
        else if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                CollectEnums(argument, enums);
            }
        }
    }
}
