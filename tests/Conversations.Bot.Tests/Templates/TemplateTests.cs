using Conversations.Abstractions.Bot;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Tests.Templates;

public sealed class TemplateTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["customer.name"] = "Анна",
        ["order.status"] = "Передан курьеру",
    };

    private static string? Lookup(string path) => Values.GetValueOrDefault(path);

    [Fact]
    public void Customer_and_variable_placeholders_are_filled_in()
    {
        var template = Template.Parse("Здравствуйте, {customer.name}! Заказ: {order.status}.");

        Assert.Equal("Здравствуйте, Анна! Заказ: Передан курьеру.", template.Render(Lookup));
        Assert.Equal(["customer.name", "order.status"], template.Placeholders.Select(p => p.Path));
        Assert.Equal(["customer", "order"], template.Placeholders.Select(p => p.Root));
    }

    [Fact]
    public void A_missing_value_renders_as_its_default_or_as_nothing()
    {
        var template = Template.Parse("Курьер: {order.courier|ещё не назначен}; трек: {order.track}.");

        Assert.Equal("Курьер: ещё не назначен; трек: .", template.Render(Lookup));
    }

    [Fact]
    public void Doubled_braces_are_literal_braces()
    {
        Assert.Equal("{json} and {Анна}", Template.Parse("{{json}} and {{{customer.name}}}").Render(Lookup));
    }

    [Theory]
    [InlineData("Привет, {customer.name", "unclosed '{' at position 9")]
    [InlineData("Привет, {customer.{name}}", "unclosed '{' at position 9")]
    [InlineData("Привет}", "unmatched '}' at position 7 (write '}}' for a literal brace)")]
    [InlineData("Привет, {}", "empty placeholder at position 9")]
    [InlineData("Привет, {customer name}", "invalid placeholder '{customer name}' at position 9 (expected a dotted name such as customer.name)")]
    [InlineData("{order..status}", "invalid placeholder '{order..status}' at position 1 (expected a dotted name such as customer.name)")]
    [InlineData("{1order}", "invalid placeholder '{1order}' at position 1 (expected a dotted name such as customer.name)")]
    public void A_bad_template_says_what_and_where(string source, string expected)
    {
        Assert.False(Template.TryParse(source, out var template, out var error));
        Assert.Null(template);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Values_are_sanitised_but_the_business_text_is_kept_as_written()
    {
        var template = Template.Parse("Строка 1\nСтрока 2: {order.status}");

        var rendered = template.Render(_ => "Доставлен\r\n\tсегодня\u0007 \u202Eвечером");

        Assert.Equal("Строка 1\nСтрока 2: Доставлен сегодня вечером", rendered);
    }

    [Fact]
    public void Values_in_a_url_are_percent_encoded_but_a_leading_base_url_is_kept()
    {
        var template = Template.Parse("{config.crmBaseUrl}/orders?phone={customer.phone}&q={order.status}");
        var values = new Dictionary<string, string>
        {
            ["config.crmBaseUrl"] = "https://crm.test/api",
            ["customer.phone"] = "+7 999",
            ["order.status"] = "a&b=c/../admin",
        };

        var rendered = template.Render(values.GetValueOrDefault, TemplateEncoding.Url);

        Assert.Equal("https://crm.test/api/orders?phone=%2B7%20999&q=a%26b%3Dc%2F..%2Fadmin", rendered);
    }
}
