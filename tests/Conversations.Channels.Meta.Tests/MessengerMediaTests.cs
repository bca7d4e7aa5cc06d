namespace Conversations.Channels.Meta.Tests;

/// <summary>Messenger attachments through the real webhook into the media store.</summary>
public sealed class MessengerMediaTests(MessengerConformanceDriver messenger) : IClassFixture<MessengerConformanceDriver>
{
    [Fact]
    public Task A_customers_image_and_file_are_fetched_from_their_links_stored_and_linked_and_an_expired_link_says_so() =>
        MessengerMedia.AttachmentsAreStoredAndLinkedAsync(messenger);
}
