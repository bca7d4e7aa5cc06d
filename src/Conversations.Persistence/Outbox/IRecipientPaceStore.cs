using Conversations.Abstractions.Channels;

namespace Conversations.Persistence.Outbox;

/// <summary>
/// The pace of sends to each recipient, shared by every silo of the cluster (<see cref="RecipientPaceRate"/>), so a
/// chat whose sends move to another silo does not start again with a full burst. One statement per send.
/// </summary>
public interface IRecipientPaceStore
{
    /// <summary>Takes one send to <paramref name="to"/> at <paramref name="now"/>: null when it may go, else how long until it may.</summary>
    Task<TimeSpan?> TryTakeAsync(ChannelAddress to, DateTimeOffset now, RecipientPaceRate rate, CancellationToken cancellationToken = default);

    /// <summary>
    /// The platform refused a send for the recipient's pace (WhatsApp 131056): nothing goes to <paramref name="to"/>
    /// before <paramref name="until"/>, and then at the sustained rate, without a burst.
    /// </summary>
    Task HoldOffAsync(ChannelAddress to, DateTimeOffset until, RecipientPaceRate rate, CancellationToken cancellationToken = default);

    /// <summary>Forgets the recipients whose pace is idle at <paramref name="now"/> (the same as never paced); returns how many.</summary>
    Task<int> ForgetIdleAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
