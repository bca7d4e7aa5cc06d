namespace Conversations.Channels.Email;

/// <summary>Persisted state of <see cref="EmailThreadGrain"/>.</summary>
[GenerateSerializer, Alias("conv.email.EmailThreadState")]
public sealed class EmailThreadState
{
    /// <summary>The thread, once a mail was recorded.</summary>
    [Id(0)]
    public EmailThread? Thread { get; set; }
}
