namespace Conversations.Bot.Understanding;

/// <summary>What a short social message means, apart from any question.</summary>
public enum SmallTalkIntent
{
    /// <summary>Not small talk: a question or a request for the scenario or the FAQ.</summary>
    None,

    /// <summary>"Привет", "Hello", "Добрый день".</summary>
    Greeting,

    /// <summary>"Спасибо", "Thanks a lot".</summary>
    Thanks,

    /// <summary>"Пока", "Goodbye".</summary>
    Goodbye,

    /// <summary>"Да", "Yes", "Давайте".</summary>
    Yes,

    /// <summary>"Нет", "No thanks".</summary>
    No,

    /// <summary>"Позовите оператора", "Operator please", "Talk to a human".</summary>
    Operator,
}
