using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Conversations.Bot.Understanding;

/// <summary>
/// Recognises small talk in Russian and English: greetings, thanks, goodbye, yes/no and asking for a human. A message
/// is small talk when all its words are the phrases of one meaning plus polite filler ("спасибо большое", "hi there",
/// "operator please"); a message that opens with a greeting and goes on with something else gives that rest back as
/// the question. Anything longer than <see cref="MaxWords"/> words is a question, not small talk.
/// </summary>
public static class SmallTalk
{
    /// <summary>Longer messages are never small talk as a whole.</summary>
    public const int MaxWords = 8;

    // When phrases of several meanings make up one message, the strongest wins: "спасибо, пока" is goodbye,
    // "привет, оператора" a request for a human, "нет, спасибо" a no.
    private static readonly SmallTalkIntent[] Strength =
        [SmallTalkIntent.Operator, SmallTalkIntent.Goodbye, SmallTalkIntent.No, SmallTalkIntent.Thanks, SmallTalkIntent.Yes, SmallTalkIntent.Greeting];

    private static readonly FrozenDictionary<string, SmallTalkIntent> Phrases = BuildPhrases();

    private static readonly int LongestPhrase = Phrases.Keys.Max(p => p.Count(c => c == ' ') + 1);

    // Words that carry no meaning of their own in a social message.
    private static readonly FrozenSet<string> Filler = new[]
    {
        "пожалуйста", "плиз", "большое", "огромное", "вам", "тебе", "всем", "бот", "ботик", "ещё", "еще", "ну", "и", "а", "же", "уважаемый",
        "please", "pls", "plz", "very", "much", "so", "a", "lot", "there", "all", "everyone", "bot", "again", "and", "oh", "well", "dear",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>What <paramref name="text"/> means socially, if anything.</summary>
    public static SmallTalkMatch Recognize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 500)
        {
            return SmallTalkMatch.None;
        }

        var words = Words(text);
        if (words.Count == 0)
        {
            return SmallTalkMatch.None;
        }

        var found = new HashSet<SmallTalkIntent>();
        var at = 0;
        var greetingEnds = 0;
        while (at < words.Count)
        {
            if (Filler.Contains(words[at]))
            {
                at++;
                continue;
            }

            var (intent, length) = PhraseAt(words, at);
            if (intent == SmallTalkIntent.None)
            {
                break;
            }

            found.Add(intent);
            at += length;
            if (found.Count == 1 && intent == SmallTalkIntent.Greeting)
            {
                greetingEnds = at;
            }
        }

        if (at == words.Count && words.Count <= MaxWords && found.Count > 0)
        {
            return new SmallTalkMatch(Strength.First(found.Contains), null);
        }

        // "Здравствуйте! Где мой заказ?": the greeting is answered by answering the question.
        return greetingEnds > 0 && greetingEnds < words.Count
            ? new SmallTalkMatch(SmallTalkIntent.Greeting, string.Join(' ', words.Skip(greetingEnds)))
            : SmallTalkMatch.None;
    }

    /// <summary>The lower-case words of <paramref name="text"/> (letters, digits, apostrophes), ё read as е.</summary>
    internal static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c) || (c is '\'' or '’' && word.Length > 0))
            {
                word.Append(c == 'ё' || c == 'Ё' ? 'е' : char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString().Replace('’', '\''));
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString().Replace('’', '\''));
        }

        return words;
    }

    private static (SmallTalkIntent Intent, int Length) PhraseAt(List<string> words, int at)
    {
        for (var length = Math.Min(LongestPhrase, words.Count - at); length > 0; length--)
        {
            if (Phrases.TryGetValue(string.Join(' ', words.Skip(at).Take(length)), out var intent))
            {
                return (intent, length);
            }
        }

        return (SmallTalkIntent.None, 0);
    }

    private static FrozenDictionary<string, SmallTalkIntent> BuildPhrases()
    {
        var phrases = new Dictionary<string, SmallTalkIntent>(StringComparer.Ordinal);
        void Add(SmallTalkIntent intent, params string[] list)
        {
            foreach (var phrase in list)
            {
                phrases[phrase] = intent;
            }
        }

        Add(SmallTalkIntent.Greeting,
            "привет", "приветик", "приветствую", "здравствуйте", "здравствуй", "здрасте", "здрасьте", "здорово", "хай", "салют",
            "добрый день", "добрый вечер", "доброе утро", "доброй ночи", "доброго дня", "доброго времени суток", "день добрый",
            "hi", "hello", "hey", "hiya", "howdy", "greetings", "good morning", "good afternoon", "good evening", "good day", "hallo");
        Add(SmallTalkIntent.Thanks,
            "спасибо", "спс", "благодарю", "пасиб", "пасибо", "спасибки", "мерси", "понятно спасибо", "спасибо за помощь", "спасибо за ответ",
            "thanks", "thank you", "thx", "ty", "cheers", "thank you for your help", "thanks for your help", "thanks for the help", "appreciate it", "many thanks");
        Add(SmallTalkIntent.Goodbye,
            "пока", "до свидания", "всего доброго", "всего хорошего", "до встречи", "до связи", "хорошего дня", "удачи", "прощайте",
            "bye", "goodbye", "good bye", "bye bye", "see you", "see ya", "have a nice day", "have a good day", "take care");
        Add(SmallTalkIntent.Yes,
            "да", "ага", "угу", "конечно", "давайте", "давай", "хорошо", "ок", "окей", "ok", "okay", "да давайте", "да хочу", "да нужно", "да надо",
            "yes", "yeah", "yep", "yup", "sure", "of course", "please do", "yes please", "go ahead", "alright", "all right");
        Add(SmallTalkIntent.No,
            "нет", "неа", "не надо", "не нужно", "не хочу", "не сейчас", "нет нужно", "no", "nope", "nah", "not now", "no need", "not needed", "no thank you");
        Add(SmallTalkIntent.Operator,
            "оператор", "оператора", "оператору", "оператором", "человек", "человека", "человеку", "человеком", "живой человек", "живого человека",
            "живым человеком", "менеджер", "менеджера", "менеджером", "специалист", "специалиста", "специалистом", "консультант", "консультанта",
            "позовите оператора", "позови оператора", "позовите человека", "позовите менеджера", "соедините с оператором", "соедините с человеком",
            "переведите на оператора", "хочу оператора", "хочу с оператором", "хочу поговорить с оператором", "хочу поговорить с человеком",
            "можно оператора", "можно человека", "дайте оператора", "нужен оператор", "нужен человек", "связаться с оператором", "поговорить с человеком",
            "поговорить с оператором", "мне нужен оператор", "мне нужен человек", "с оператором", "с человеком", "с живым человеком",
            "поговорить с живым человеком", "хочу поговорить с живым человеком", "соедините с живым человеком", "позовите живого человека",
            "operator", "human", "agent", "person", "a human", "a person", "an operator", "an agent", "real person", "a real person", "live agent",
            "human please", "talk to a human", "talk to a person", "talk to an operator", "talk to an agent", "speak to a human", "speak to a person",
            "speak to an operator", "speak to an agent", "connect me to an operator", "connect me to a human", "i want an operator", "i want a human",
            "i need a human", "i need an operator", "can i talk to a human", "can i speak to a person", "customer support", "support agent");
        return phrases.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
