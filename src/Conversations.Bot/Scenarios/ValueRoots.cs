namespace Conversations.Bot.Scenarios;

/// <summary>The reserved first segments of value paths.</summary>
internal static class ValueRoots
{
    /// <summary><c>customer.name</c>, <c>customer.phone</c>, <c>customer.email</c>, <c>customer.&lt;attribute&gt;</c>, <c>customer.attributes.&lt;attribute&gt;</c>.</summary>
    public const string Customer = "customer";

    /// <summary><c>config.&lt;key&gt;</c>: values the caller supplies (CRM base URL, tokens...).</summary>
    public const string Config = "config";

    /// <summary><c>start.payload</c>: the deep-link payload of <c>/start &lt;payload&gt;</c>.</summary>
    public const string Start = "start";

    /// <summary>The data of the business event that started the flow (<c>{event.courier}</c>), at its entry point.</summary>
    public const string Event = "event";

    /// <summary><c>quiz.score</c> and <c>quiz.total</c> of the last finished quiz.</summary>
    public const string Quiz = "quiz";

    /// <summary><c>consent.&lt;purpose&gt;</c>: the version granted in this conversation, or <c>declined</c>.</summary>
    public const string Consent = "consent";

    /// <summary><c>verify.destination</c>: where the verify step sent its code (also its own working values).</summary>
    public const string Verify = "verify";

    /// <summary>The second segment of <c>customer.attributes.&lt;name&gt;</c>: any attribute, also one named like a built-in value.</summary>
    public const string AttributesSegment = "attributes";

    public const string CustomerName = "customer.name";
    public const string CustomerPhone = "customer.phone";
    public const string CustomerEmail = "customer.email";
    public const string StartPayload = "start.payload";
    public const string QuizScore = "quiz.score";
    public const string QuizTotal = "quiz.total";
    public const string VerifyDestination = "verify.destination";
}
