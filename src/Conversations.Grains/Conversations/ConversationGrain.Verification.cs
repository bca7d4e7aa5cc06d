using System.Text.Json;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Bot;

namespace Conversations.Grains.Conversations;

/// <summary>What a scenario's verify step asks of the conversation: send one-time codes, link confirmed contacts.</summary>
internal sealed partial class ConversationGrain
{
    /// <summary>The <c>event</c> of a code e-mail or SMS in the outbox.</summary>
    public const string VerificationCodeEvent = "verification_code";

    /// <summary>
    /// Queues the codes with the turn's commit (by e-mail through the business-notification SMTP, by SMS through the
    /// platform's SMS sender), and after it tells the identity the customer writes from which contacts they confirmed,
    /// so it links like a fact the channel vouches for.
    /// </summary>
    private void SendVerificationCodes(ConversationDraft draft, BotReply reply)
    {
        foreach (var code in reply.VerificationCodes ?? [])
        {
            draft.Notify(code.Channel, code.Destination, new NotificationContent(VerificationCodeEvent, code.Subject, code.Text,
                JsonSerializer.Serialize(new { @event = VerificationCodeEvent, to = code.Destination })));
        }

        if (reply.Verified is { } verified
            && draft.Details.Customer?.Identities.FirstOrDefault(i => i.ReplyTo == draft.Details.ReplyTo) is { } identity)
        {
            draft.Then(() => AfterCommit("Verified contact", () =>
                GrainFactory.GetGrain<IChannelIdentityGrain>(identity.Key.ToGrainKey()).AddVerifiedFactsAsync(verified)));
        }
    }
}
