using System.Text.Json;
using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Contracts.Messages;
using Conversations.Api.Contracts.Operators;

namespace Conversations.Client.Tests;

public sealed class ClientJsonTests
{
    [Fact]
    public void A_content_reads_with_its_type_after_the_other_properties()
    {
        var content = JsonSerializer.Deserialize<MessageContent>("""{"text":"Привет","buttons":[{"label":"Да","payload":"yes"}],"type":"text"}""", ClientJson.Options);

        var text = Assert.IsType<TextContent>(content);
        Assert.Equal("Привет", text.Text);
        Assert.Equal("yes", Assert.Single(text.Buttons!).Payload);
    }

    [Fact]
    public void An_event_reads_its_kind_from_a_string()
    {
        var content = JsonSerializer.Deserialize<MessageContent>("""{"type":"event","event":"LiveChatStarted","detail":"Olga"}""", ClientJson.Options);

        Assert.Equal(new EventContent(ConversationEventKind.LiveChatStarted, "Olga"), content);
    }

    [Fact]
    public void A_kind_this_client_does_not_know_reads_as_bare_content_instead_of_failing()
    {
        var message = JsonSerializer.Deserialize<ApiMessage>(
            """{"messageId":"0196a1b2-0000-7000-8000-000000000001","conversationId":"0196a1b2-0000-7000-8000-000000000002","seq":3,"direction":"Customer","content":{"type":"hologram","depth":3},"createdAt":"2025-03-01T09:00:00Z"}""",
            ClientJson.Options);

        // The shared contract's MessageContent is abstract (as on the server), so an unknown kind reads as unsupported content of that kind.
        Assert.Equal(new UnsupportedContent("hologram"), message!.Content);
        Assert.Equal("", message.Content.ToPlainText());
    }

    [Fact]
    public void A_content_is_written_with_its_type_and_enums_as_names()
    {
        var json = JsonSerializer.Serialize<MessageContent>(new LinkContent("https://example.com", "Example"), ClientJson.Options);
        var presence = JsonSerializer.Serialize(OperatorPresence.Away, ClientJson.Options);

        Assert.Equal("""{"type":"link","url":"https://example.com","title":"Example"}""", json);
        Assert.Equal("\"Away\"", presence);
    }
}
