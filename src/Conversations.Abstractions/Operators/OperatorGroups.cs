using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;

namespace Conversations.Abstractions.Operators;

/// <summary>
/// Groups of operators ("billing", "returns"): an admin puts operators in groups, and a chat transferred to a group is
/// assigned only to its members. Names follow the rules of conversation labels (lower case, letters, digits, spaces,
/// '-', '_', '.'; at most <see cref="ConversationLabels.MaxLength"/> characters), at most <see cref="MaxCount"/> per operator.
/// </summary>
public static class OperatorGroups
{
    /// <summary>Most groups one operator is in.</summary>
    public const int MaxCount = 10;

    /// <summary>The groups as stored, or refused naming <c>groups[i]</c> and the reason.</summary>
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string?> groups)
    {
        var result = new List<string>();
        for (var i = 0; i < groups.Count; i++)
        {
            var group = ConversationLabels.One(groups[i], $"groups[{i}]");
            if (!result.Contains(group, StringComparer.Ordinal))
            {
                result.Add(group);
            }
        }

        return result.Count > MaxCount ? throw DomainException.Invalid($"groups: at most {MaxCount} groups per operator.") : result;
    }
}
