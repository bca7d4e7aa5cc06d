using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conversations.Grains.Tests.Compatibility;

/// <summary>
/// The values of a wire record as JSON keyed by <c>[Id]</c>, as the wire sees them: a member renamed under the same
/// <c>[Id]</c> still compares equal, and computed properties (which never travel) are left out.
/// </summary>
internal static class WireValues
{
    internal static JsonNode? Of(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string or bool or Guid or DateTimeOffset or DateTime or TimeSpan or Uri or byte[]:
                return JsonSerializer.SerializeToNode(value, value.GetType());
            case Enum:
                return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case IDictionary dictionary:
                var entries = new JsonObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    entries[Convert.ToString(entry.Key is Enum ? Convert.ToInt64(entry.Key, CultureInfo.InvariantCulture) : entry.Key, CultureInfo.InvariantCulture)!] = Of(entry.Value);
                }

                return entries;
            case IEnumerable items:
                return new JsonArray([.. items.Cast<object?>().Select(Of)]);
        }

        var type = value.GetType();
        if (type.IsPrimitive || type == typeof(decimal))
        {
            return JsonSerializer.SerializeToNode(value, type);
        }

        var members = new JsonObject();
        foreach (var member in type.GetMembers(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).OrderBy(m => m.GetCustomAttribute<IdAttribute>()?.Id))
        {
            if (member.GetCustomAttribute<IdAttribute>() is not { } id)
            {
                continue;
            }

            var memberValue = member switch
            {
                PropertyInfo property => property.GetValue(value),
                FieldInfo field => field.GetValue(value),
                _ => null,
            };
            members[id.Id.ToString(CultureInfo.InvariantCulture)] = Of(memberValue);
        }

        return members.Count > 0 ? members : JsonSerializer.SerializeToNode(value, type);
    }
}
