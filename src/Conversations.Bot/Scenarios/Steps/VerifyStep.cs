using Conversations.Bot.Effects;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>
/// Confirms an e-mail address or phone number with a one-time code the bot sends to it, then waits for the customer to
/// type the code: a confirmed one becomes a verified contact of the customer (<see cref="ContactVerified"/>).
/// </summary>
/// <param name="Id">The step id.</param>
/// <param name="Kind">What is confirmed: an e-mail address (code by e-mail) or a phone number (code by SMS).</param>
/// <param name="To">Where the code goes; by default <c>{customer.email}</c> or <c>{customer.phone}</c>.</param>
/// <param name="Text">Said when a code was sent (<c>{verify.destination}</c> is where).</param>
/// <param name="RetryText">Said after a wrong code (default: <c>texts.verifyWrongCode</c>).</param>
/// <param name="MaxAttempts">Wrong codes accepted before <paramref name="OnFail"/>.</param>
/// <param name="MaxResends">New codes the customer may ask for.</param>
/// <param name="Lifetime">How long a code is good for.</param>
/// <param name="Next">Where a confirmed contact goes on.</param>
/// <param name="OnFail">Where the scenario goes when nothing can be confirmed (no address, too many wrong codes, expired and no resends left).</param>
internal sealed record VerifyStep(
    string Id,
    ContactKind Kind,
    Template To,
    Template Text,
    Template? RetryText,
    int MaxAttempts,
    int MaxResends,
    TimeSpan Lifetime,
    string Next,
    string OnFail) : ScenarioStep(Id)
{
    /// <inheritdoc />
    public override bool WaitsForCustomer => true;
}
