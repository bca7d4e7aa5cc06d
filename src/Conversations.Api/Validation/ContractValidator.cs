using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Conversations.Api.Contracts;
using Conversations.Api.Contracts.Validation;

namespace Conversations.Api.Validation;

/// <summary>
/// Checks a request body against the size limits its contract declares (<see cref="FieldLimits"/> through
/// <see cref="MaxLengthAttribute"/>, <see cref="EachMaxLengthAttribute"/>, <see cref="MaxUtf8BytesAttribute"/>), walking
/// nested records, lists and dictionaries, and names each field by its JSON path. Value rules (ranges, formats,
/// required parts) stay with the domain, which reports them with their own wording; this is the guard that keeps an
/// oversized value from going any further than the edge.
/// </summary>
internal static class ContractValidator
{
    // Deep enough for any contract; a body nested deeper is not one of ours.
    private const int MaxDepth = 16;

    private static readonly Assembly Contracts = typeof(FieldLimits).Assembly;
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Info, string JsonName, ValidationAttribute[] Limits)[]> Properties = new();

    /// <summary>True when values of <paramref name="type"/> are (or may contain) contract records worth walking.</summary>
    public static bool AppliesTo(Type type) =>
        type.Assembly == Contracts
        || (type.IsGenericType && type.GetGenericArguments().Any(AppliesTo))
        || (type.IsArray && AppliesTo(type.GetElementType()!));

    /// <summary>Every size problem of <paramref name="value"/>, as "$.path: reason" (empty when it fits).</summary>
    public static IReadOnlyList<string> Problems(object? value)
    {
        var problems = new List<string>();
        Walk(value, "$", problems, 0);
        return problems;
    }

    private static void Walk(object? value, string path, List<string> problems, int depth)
    {
        if (value is null or string || depth > MaxDepth)
        {
            return;
        }

        if (value is IEnumerable)
        {
            foreach (var (itemPath, item) in Items(value, path))
            {
                Walk(item, itemPath, problems, depth + 1);
            }

            return;
        }

        var type = value.GetType();
        if (type.Assembly != Contracts)
        {
            return;
        }

        foreach (var property in Properties.GetOrAdd(type, Describe))
        {
            var propertyValue = property.Info.GetValue(value);
            var propertyPath = $"{path}.{property.JsonName}";
            foreach (var limit in property.Limits)
            {
                if (limit is EachMaxLengthAttribute each)
                {
                    EachItem(each.Length, propertyValue, propertyPath, problems);
                }
                else if (Problem(limit, propertyValue) is { } reason)
                {
                    problems.Add($"{propertyPath}: {reason}.");
                }
            }

            Walk(propertyValue, propertyPath, problems, depth + 1);
        }
    }

    private static string? Problem(ValidationAttribute limit, object? value) => (limit, value) switch
    {
        (MaxLengthAttribute max, string text) when text.Length > max.Length =>
            $"at most {max.Length} characters (this one has {text.Length})",
        (MaxLengthAttribute max, ICollection items) when items.Count > max.Length =>
            $"at most {max.Length} items (this one has {items.Count})",
        (MaxUtf8BytesAttribute max, string text) when !max.IsValid(text) =>
            $"at most {max.Bytes} bytes in UTF-8 (this one has {System.Text.Encoding.UTF8.GetByteCount(text)}); it would have to be cut, so it is refused",
        _ => null,
    };

    private static void EachItem(int max, object? value, string path, List<string> problems)
    {
        foreach (var (itemPath, item) in Items(value, path))
        {
            if (item is string text && text.Length > max)
            {
                problems.Add($"{itemPath}: at most {max} characters (this one has {text.Length}).");
            }
        }
    }

    /// <summary>
    /// The items of a list, or the values of a map under their keys. A map is read through its own enumerator: the
    /// plain one of a generic dictionary yields key-value pairs, not <see cref="DictionaryEntry"/>, and read-only maps
    /// may not be <see cref="IDictionary"/> at all.
    /// </summary>
    private static IEnumerable<(string Path, object? Item)> Items(object? value, string path)
    {
        switch (value)
        {
            case IDictionary dictionary:
                var entries = dictionary.GetEnumerator();
                while (entries.MoveNext())
                {
                    yield return ($"{path}.{entries.Key}", entries.Value);
                }

                break;
            case IEnumerable list and not string:
                var index = 0;
                foreach (var item in list)
                {
                    if (item?.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
                    {
                        yield return ($"{path}.{type.GetProperty("Key")!.GetValue(item)}", type.GetProperty("Value")!.GetValue(item));
                    }
                    else
                    {
                        yield return ($"{path}[{index}]", item);
                    }

                    index++;
                }

                break;
        }
    }

    private static (PropertyInfo Info, string JsonName, ValidationAttribute[] Limits)[] Describe(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => (Info: p, JsonName: JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                Limits: p.GetCustomAttributes<ValidationAttribute>().Where(a => a is MaxLengthAttribute or EachMaxLengthAttribute or MaxUtf8BytesAttribute).ToArray()))
            .Where(p => p.Limits.Length > 0 || AppliesTo(p.Info.PropertyType)),
    ];
}
