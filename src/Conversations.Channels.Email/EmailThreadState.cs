namespace Conversations.Channels.Email;

/// <summary>Persisted state of <see cref="EmailThreadGrain"/>.</summary>
[GenerateSerializer, Alias("conv.email.EmailThreadState")]
public sealed class EmailThreadState
{
    /// <summary>The latest thread, once a mail was recorded (what silos of the previous version read and write).</summary>
    [Id(0)]
    public EmailThread? Thread { get; set; }

    /// <summary>The threads with this address, each with its conversation, oldest first, at most <see cref="EmailThreadGrain.MaxThreads"/>.</summary>
    [Id(1)]
    public List<EmailThread> Threads { get; set; } = [];

    /// <summary>The conversation chosen for each recent mail, oldest first, at most <see cref="EmailThreadGrain.MaxChoices"/>.</summary>
    [Id(2)]
    public List<EmailThreadChoice> Choices { get; set; } = [];
}
