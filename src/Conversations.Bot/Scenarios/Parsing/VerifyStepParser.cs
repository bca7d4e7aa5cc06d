using Conversations.Bot.Effects;
using Conversations.Bot.Scenarios.Steps;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Parsing;

/// <summary>Reads a <c>verify</c> step.</summary>
internal static class VerifyStepParser
{
    public static VerifyStep? Parse(JsonObjectReader step, string id)
    {
        var channelName = step.String("channel", required: true, maxLength: 20);
        ContactKind? kind = channelName switch
        {
            "email" => ContactKind.Email,
            "phone" => ContactKind.Phone,
            null => null,
            _ => null,
        };
        if (channelName is not null && kind is null)
        {
            step.Problem("channel", $"unknown channel '{channelName}' (expected email or phone)");
        }

        var to = step.Template("to", maxLength: 300)
            ?? Template.Parse(kind == ContactKind.Phone ? "{" + ValueRoots.CustomerPhone + "}" : "{" + ValueRoots.CustomerEmail + "}");
        var text = step.Template("text", required: true);
        var retryText = step.Template("retryText");
        var maxAttempts = step.Integer("maxAttempts", 1, 10) ?? 5;
        var maxResends = step.Integer("maxResends", 0, 5) ?? 2;
        var minutes = step.Integer("expiresMinutes", 1, 60) ?? 10;
        var next = step.Reference("next", id, required: true);
        var onFail = step.Reference("onFail", id, required: true);
        return kind is null || text is null || next is null || onFail is null
            ? null
            : new VerifyStep(id, kind.Value, to, text, retryText, maxAttempts, maxResends, TimeSpan.FromMinutes(minutes), next, onFail);
    }
}
