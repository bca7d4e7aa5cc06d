using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Conversations.Client;

/// <summary>The API's JSON: camelCase, enums as strings, message kinds by a <c>type</c> property that may come anywhere in the object.</summary>
public static class ClientJson
{
    /// <summary>Options for reading and writing the API's bodies (frozen; share them).</summary>
    public static JsonSerializerOptions Options { get; } = Create(tolerant: true);

    private static JsonSerializerOptions Create(bool tolerant)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // The server stores message contents as JSON and may hand them back with "type" after other properties.
            AllowOutOfOrderMetadataProperties = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        if (tolerant)
        {
            // A message kind added by a newer server must not fail a whole answer of this client: contents go through
            // UnknownContentKinds, which hands known kinds to the usual polymorphic reading of the inner options.
            options.Converters.Add(new UnknownContentKinds(Create(tolerant: false)));
            options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { UnknownContentKinds.LeavePolymorphismToConverter } };
        }

        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
