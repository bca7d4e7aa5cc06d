namespace Conversations.Channels.Meta.Messenger;

/// <summary>The keys of a Messenger or Instagram account's non-secret settings.</summary>
public static class MessengerSettings
{
    /// <summary>The Meta app the Page or Instagram account is connected through.</summary>
    public const string AppId = "appId";
}
