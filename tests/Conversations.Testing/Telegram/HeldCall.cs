namespace Conversations.Testing.Telegram;

/// <summary>A Bot API call the stand-in holds unanswered (<see cref="TelegramBotApiStandIn.HoldNext"/>).</summary>
public sealed class HeldCall
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the call has arrived and is being held.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Lets the held call be answered.</summary>
    public void Release() => _released.TrySetResult();

    internal Task WaitAsync()
    {
        _reached.TrySetResult();
        return _released.Task;
    }
}
