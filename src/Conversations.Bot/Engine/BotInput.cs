using Conversations.Abstractions.Messages;

namespace Conversations.Bot.Engine;

/// <summary>What the customer did this turn, as far as a scenario is concerned.</summary>
public abstract record BotInput
{
    /// <summary>The input a stored customer message stands for.</summary>
    /// <remarks><c>/start</c> and <c>/start &lt;payload&gt;</c> (also <c>/start@bot_name</c>) restart the scenario;
    /// anything the bot cannot read (images, files, locations, stickers) is <see cref="UnsupportedInput"/>.</remarks>
    public static BotInput FromMessage(MessageContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content switch
        {
            TextContent text when StartCommand.TryParse(text.Text, out var payload) => new StartInput(payload),
            TextContent text => new TextInput(text.Text),
            ButtonPressContent press => new ButtonPressInput(press.Payload, press.Label),
            ContactContent contact => new ContactSharedInput(contact.PhoneNumber),
            UnsupportedContent unsupported => new UnsupportedInput(unsupported.Kind),
            ImageContent => new UnsupportedInput("image"),
            DocumentContent => new UnsupportedInput("document"),
            LocationContent => new UnsupportedInput("location"),
            _ => new UnsupportedInput(content.GetType().Name),
        };
    }
}
