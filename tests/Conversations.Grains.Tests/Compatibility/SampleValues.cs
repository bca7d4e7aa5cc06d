using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Conversations.Grains.Tests.Compatibility;

/// <summary>
/// Builds an instance of a wire record with every member set to a value derived from its name (the same on every run
/// and in every version), so golden bytes recorded by one version can be compared value by value in the next.
/// </summary>
internal static class SampleValues
{
    private const int MaxDepth = 6;

    /// <summary>An instance of <paramref name="type"/> with every member set, or null when it cannot be built.</summary>
    internal static object? Of(Type type) => Build(type, type.Name, 0);

    private static object? Build(Type type, string name, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Build(underlying, name, depth);
        }

        if (type == typeof(string))
        {
            return name + "-sample";
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(Guid))
        {
            return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddSeconds(Number(name));
        }

        if (type == typeof(DateTime))
        {
            return new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddSeconds(Number(name));
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromSeconds(Number(name));
        }

        if (type == typeof(Uri))
        {
            return new Uri("https://example.com/" + name);
        }

        if (type == typeof(byte[]))
        {
            return Encoding.UTF8.GetBytes(name);
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1);
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return Convert.ChangeType(Number(name), type, CultureInfo.InvariantCulture);
        }

        if (depth >= MaxDepth)
        {
            return null;
        }

        if (type.IsArray)
        {
            var array = Array.CreateInstance(type.GetElementType()!, 1);
            array.SetValue(Build(type.GetElementType()!, name, depth + 1), 0);
            return array;
        }

        if (type.IsGenericType && DictionaryOf(type) is { } dictionary)
        {
            var arguments = type.GetGenericArguments();
            var key = Build(arguments[0], name + "Key", depth + 1);
            var instance = (IDictionary)Activator.CreateInstance(dictionary)!;
            if (key is not null)
            {
                instance[key] = Build(arguments[1], name + "Value", depth + 1);
            }

            return instance;
        }

        if (type.IsGenericType && ListOf(type) is { } list)
        {
            var instance = Activator.CreateInstance(list)!;
            list.GetMethod("Add")!.Invoke(instance, [Build(type.GetGenericArguments()[0], name + "Item", depth + 1)]);
            return instance;
        }

        if (type.IsInterface || type.IsAbstract)
        {
            return null; // a polymorphic member: nothing to derive a concrete type from
        }

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        try
        {
            var instance = constructor.Invoke([.. constructor.GetParameters().Select(p => Build(p.ParameterType, p.Name!, depth + 1))]);
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
                         .Where(p => p.GetCustomAttribute<IdAttribute>() is not null && p.SetMethod is { IsPublic: true } && !IsInitOnlyPositional(p, constructor)))
            {
                property.SetValue(instance, Build(property.PropertyType, property.Name, depth + 1));
            }

            return instance;
        }
        catch (TargetInvocationException)
        {
            return null; // the constructor refuses derived values (a validated key): no sample for this type
        }
    }

    private static bool IsInitOnlyPositional(PropertyInfo property, ConstructorInfo constructor) =>
        constructor.GetParameters().Any(p => string.Equals(p.Name, property.Name, StringComparison.Ordinal));

    private static Type? DictionaryOf(Type type)
    {
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)
            ? typeof(Dictionary<,>).MakeGenericType(type.GetGenericArguments())
            : null;
    }

    private static Type? ListOf(Type type)
    {
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(HashSet<>) || definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>))
        {
            return typeof(HashSet<>).MakeGenericType(type.GetGenericArguments());
        }

        return definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>) ||
               definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>)
            ? typeof(List<>).MakeGenericType(type.GetGenericArguments())
            : null;
    }

    private static int Number(string name) => (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0) % 100) + 1; // small enough for a byte
}
