using Conversations.Abstractions.Channels;
using Conversations.Channels.Meta.Graph;

namespace Conversations.Channels.Meta.Tests;

/// <summary>Each Meta channel's documented type and size limits for uploaded files, and the attachment type each file goes as.</summary>
public sealed class MetaUploadLimitsTests
{
    private const long MB = 1024 * 1024;

    [Theory]
    [InlineData(ChannelKind.WhatsApp, "image/png", 5 * MB, "image")]
    [InlineData(ChannelKind.WhatsApp, "application/pdf", 100 * MB, "document")]
    [InlineData(ChannelKind.WhatsApp, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 1 * MB, "document")]
    [InlineData(ChannelKind.Messenger, "image/webp", 25 * MB, "image")]
    [InlineData(ChannelKind.Messenger, "application/zip", 25 * MB, "file")]
    [InlineData(ChannelKind.Messenger, "video/mp4", 25 * MB, "video")]
    [InlineData(ChannelKind.Instagram, "image/gif", 8 * MB, "image")]
    [InlineData(ChannelKind.Instagram, "audio/mp4", 25 * MB, "audio")]
    [InlineData(ChannelKind.Instagram, "application/pdf", 25 * MB, "file")]
    public void A_file_within_the_channels_limits_goes_as_its_attachment_type(ChannelKind channel, string contentType, long size, string type)
    {
        Assert.Equal((type, null), MetaUploadLimits.Classify(channel, contentType, size));
    }

    [Theory]
    [InlineData(ChannelKind.WhatsApp, "image/png", 5 * MB + 1, "WhatsApp takes images as JPEG or PNG up to 5 MB")]
    [InlineData(ChannelKind.WhatsApp, "image/gif", 100, "WhatsApp does not take image/gif files")]
    [InlineData(ChannelKind.WhatsApp, "application/zip", 100, "WhatsApp does not take application/zip files")]
    [InlineData(ChannelKind.Messenger, "application/pdf", 25 * MB + 1, "Messenger takes attachments up to 25 MB")]
    [InlineData(ChannelKind.Instagram, "image/png", 8 * MB + 1, "Instagram takes images as PNG, JPEG or GIF up to 8 MB")]
    [InlineData(ChannelKind.Instagram, "application/zip", 100, "Instagram does not take application/zip files")]
    public void A_file_past_the_channels_limits_is_refused_with_its_rule(ChannelKind channel, string contentType, long size, string rule)
    {
        var (type, refusal) = MetaUploadLimits.Classify(channel, contentType, size);

        Assert.Null(type);
        Assert.StartsWith(rule, refusal, StringComparison.Ordinal);
    }
}
