using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Api.Contracts;
using WidgetAppearance = Conversations.Api.Contracts.Channels.WidgetAppearance;
using WidgetPosition = Conversations.Api.Contracts.Channels.WidgetPosition;
using Conversations.Channels.Accounts;

namespace Conversations.Channels.Widget;

/// <summary>Creates a tenant's website widget (a channel account with a public key used in the embed tag).</summary>
public sealed partial class WidgetConnector(IGrainFactory grains, ChannelAccountCache accounts)
{
    // The appearance lives in the account's non-secret settings under these names (no migration, no wire change).
    private const string ColorSetting = "appearance.color";
    private const string GreetingSetting = "appearance.greeting";
    private const string PositionSetting = "appearance.position";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,39}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();

    /// <summary>Creates (or re-titles) the widget; <paramref name="key"/> defaults to a random one.</summary>
    public async Task<ChannelAccount> CreateAsync(Guid tenantId, string? title, string? key = null)
    {
        key = string.IsNullOrWhiteSpace(key) ? NewKey() : key.Trim();
        if (!KeyPattern().IsMatch(key))
        {
            throw DomainException.Invalid("A widget key is 3–40 lowercase letters, digits or dashes.");
        }

        title = string.IsNullOrWhiteSpace(title) ? "Chat" : title.Trim();
        if (title.Length > FieldLimits.WidgetTitle)
        {
            throw DomainException.Invalid($"title: too long, at most {FieldLimits.WidgetTitle} characters.");
        }

        var accountKey = new ChannelAccountKey(ChannelKind.Widget, key);
        // Re-titling keeps the widget's identity secret (the business's server signs its users with it).
        var existing = await grains.GetGrain<IChannelAccountGrain>(accountKey.ToGrainKey()).GetAsync();
        var ours = existing is { TenantId: var owner } && owner == tenantId;
        var secret = ours ? existing!.WebhookSecret : null;
        // ...and its appearance.
        var account = new ChannelAccount(accountKey, tenantId, title, InboundMode.Webhook, null, secret, Enabled: true, ours ? existing!.Settings : null);
        await grains.GetGrain<IChannelAccountGrain>(accountKey.ToGrainKey()).ConnectAsync(account);
        accounts.Invalidate(accountKey);
        return account;
    }

    /// <summary>
    /// Creates or replaces the identity secret of the tenant's widget <paramref name="key"/> (kept as the account's
    /// <see cref="ChannelAccount.WebhookSecret"/>: a widget has no webhook) and returns it; the old one stops working.
    /// </summary>
    public async Task<string> RotateIdentitySecretAsync(Guid tenantId, string key)
    {
        var account = await OwnAsync(tenantId, key);
        var grain = grains.GetGrain<IChannelAccountGrain>(account.Key.ToGrainKey());
        var secret = WidgetIdentityVerification.NewSecret();
        await grain.ConnectAsync(account with { WebhookSecret = secret });
        accounts.Invalidate(account.Key);
        return secret;
    }

    /// <summary>The widget's appearance as stored with its account (the defaults where its admin set nothing).</summary>
    public static WidgetAppearance AppearanceOf(ChannelAccount widget)
    {
        var settings = widget.Settings ?? new Dictionary<string, string>();
        return new WidgetAppearance(
            widget.DisplayName,
            settings.TryGetValue(ColorSetting, out var color) ? color : WidgetAppearance.DefaultColor,
            settings.TryGetValue(GreetingSetting, out var greeting) ? greeting : null,
            settings.TryGetValue(PositionSetting, out var position) && Enum.TryParse<WidgetPosition>(position, out var corner) ? corner : WidgetPosition.BottomRight);
    }

    /// <summary>The appearance of the tenant's widget <paramref name="key"/>; another tenant's widget is not found.</summary>
    public async Task<WidgetAppearance> GetAppearanceAsync(Guid tenantId, string key) => AppearanceOf(await OwnAsync(tenantId, key));

    /// <summary>
    /// Sets the title, accent colour, greeting and position of the tenant's widget <paramref name="key"/>; the next
    /// session a visitor opens shows them. Each refusal names its field.
    /// </summary>
    public async Task<WidgetAppearance> SetAppearanceAsync(Guid tenantId, string key, WidgetAppearance appearance)
    {
        var title = appearance.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            throw DomainException.Invalid("title: required, the words in the widget's header.");
        }

        if (title.Length > FieldLimits.WidgetTitle || title.Any(char.IsControl) || !WholeText(title))
        {
            throw DomainException.Invalid($"title: one line of at most {FieldLimits.WidgetTitle} characters.");
        }

        if (appearance.Color is not { } color || !ColorPattern().IsMatch(color))
        {
            throw DomainException.Invalid("color: a colour as #rrggbb (e.g. #2563eb).");
        }

        var greeting = appearance.Greeting?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (greeting is { Length: > FieldLimits.WidgetGreeting })
        {
            throw DomainException.Invalid($"greeting: too long, at most {FieldLimits.WidgetGreeting} characters.");
        }

        if (greeting is not null && (greeting.Any(c => char.IsControl(c) && c != '\n') || !WholeText(greeting)))
        {
            throw DomainException.Invalid("greeting: plain text; line breaks are the only control characters it may hold.");
        }

        if (!Enum.IsDefined(appearance.Position))
        {
            throw DomainException.Invalid("position: BottomRight or BottomLeft.");
        }

        var account = await OwnAsync(tenantId, key);
        var settings = new Dictionary<string, string>(account.Settings ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [ColorSetting] = color.ToLowerInvariant(),
            [PositionSetting] = appearance.Position.ToString(),
        };
        if (string.IsNullOrEmpty(greeting))
        {
            settings.Remove(GreetingSetting);
        }
        else
        {
            settings[GreetingSetting] = greeting;
        }

        var updated = account with { DisplayName = title, Settings = settings };
        await grains.GetGrain<IChannelAccountGrain>(account.Key.ToGrainKey()).ConnectAsync(updated);
        accounts.Invalidate(account.Key);
        return AppearanceOf(updated);
    }

    /// <summary>The tag a site embeds.</summary>
    public static string Snippet(string publicBaseUrl, string key) =>
        $"<script src=\"{publicBaseUrl.TrimEnd('/')}/widget/widget.js\" data-widget=\"{key}\" async></script>";

    // No half of a surrogate pair: such a string cannot be written back as JSON.
    private static bool WholeText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<ChannelAccount> OwnAsync(Guid tenantId, string key)
    {
        if (!KeyPattern().IsMatch(key))
        {
            throw DomainException.NotFound("No such widget.");
        }

        var accountKey = new ChannelAccountKey(ChannelKind.Widget, key);
        if (await grains.GetGrain<IChannelAccountGrain>(accountKey.ToGrainKey()).GetAsync() is not { } account || account.TenantId != tenantId)
        {
            throw DomainException.NotFound("No such widget.");
        }

        return account;
    }

    private static string NewKey()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        return string.Concat(RandomNumberGenerator.GetItems<char>(alphabet, 12));
    }
}
