using System.Text;
using Conversations.Persistence.Media;

namespace Conversations.Persistence.Tests;

public sealed class MediaSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "image/png")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "application/pdf")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03 }, "application/x-msdownload")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0x03 }, MediaSniffer.Unknown)]
    public void Binary_formats_are_told_by_their_signature(byte[] header, string expected) =>
        Assert.Equal(expected, MediaSniffer.Sniff(header));

    [Fact]
    public void The_name_never_changes_the_family_told_by_the_bytes()
    {
        byte[] executable = [0x4D, 0x5A, 0x90, 0x00];
        Assert.Equal("application/x-msdownload", MediaSniffer.Sniff(executable, "holiday.jpg"));
        Assert.Equal(MediaSniffer.Docx, MediaSniffer.Sniff("PK\u0003\u0004rest"u8, "contract.docx"));
        Assert.Equal("application/zip", MediaSniffer.Sniff("PK\u0003\u0004rest"u8, "contract.jpg"));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><script>alert(1)</script>", "text/html")]
    [InlineData("  <svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "image/svg+xml")]
    [InlineData("<?xml version=\"1.0\"?><svg/>", "image/svg+xml")]
    [InlineData("Заказ 123: коробка пришла мятой", "text/plain")]
    public void Text_is_told_from_markup_that_a_browser_would_run(string text, string expected)
    {
        var type = MediaSniffer.Sniff(Encoding.UTF8.GetBytes(text));
        Assert.Equal(expected, type);
        Assert.Equal(expected != "text/plain", MediaSniffer.IsActive(type));
        Assert.Equal(expected == "text/plain", MediaSniffer.IsInlineSafe(type));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\anna\\photo.jpg", "photo.jpg")]
    [InlineData("in\u0000voice\r\n.pdf", "in_voice__.pdf")]
    [InlineData("report\u202Egpj.exe", "report_gpj.exe")]
    [InlineData("..hidden", "hidden")]
    [InlineData("a\"b;c.txt", "a_b_c.txt")]
    [InlineData("   ", null)]
    public void File_names_lose_paths_controls_and_header_breaking_characters(string name, string? expected) =>
        Assert.Equal(expected, MediaFileName.Sanitize(name));

    [Fact]
    public void A_long_file_name_is_shortened_keeping_its_extension()
    {
        var name = MediaFileName.Sanitize(new string('я', 400) + ".pdf")!;
        Assert.Equal(255, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }
}
