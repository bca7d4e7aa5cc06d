using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;

namespace Conversations.Grains.Customers;

/// <summary>Merge and unmerge: what a customer hands over, takes, or splits out (the tenant's <see cref="CustomerMergeGrain"/> runs them).</summary>
internal sealed partial class CustomerGrain
{
    /// <inheritdoc />
    public Task<CustomerStanding> GetStandingAsync() => Task.FromResult(new CustomerStanding(state.State.Exists, state.State.MergedInto));

    /// <inheritdoc />
    public async Task<AbsorbedCustomer> AbsorbIntoAsync(Guid survivorId)
    {
        var s = state.State;
        if (!s.Exists)
        {
            throw DomainException.NotFound($"absorbedId: there is no customer {Key.CustomerId}.");
        }

        if (s.MergedInto is { } into && into != survivorId)
        {
            throw DomainException.Conflict($"absorbedId: customer {Key.CustomerId} was already merged into {into}.");
        }

        if (s.MergedInto is null)
        {
            // From this write on every call is forwarded: a message that came before it is in this customer's
            // conversation (which moves to the survivor), one after it goes to the survivor; none is in both.
            s.MergedInto = survivorId;
            await state.WriteStateAsync();
            await directory.RemoveCustomerAsync(Key.TenantId, Key.CustomerId);
        }

        return new AbsorbedCustomer(Profile(), s.LastConversationId, new Dictionary<string, DateTimeOffset>(s.AttributeSetAt, StringComparer.Ordinal),
            s.NameSetAt, s.NameVerified, [.. s.Redirects]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MergeConflict>> AdoptAbsorbedAsync(Guid absorbedId, AbsorbedCustomer absorbed)
    {
        var s = state.State;
        if (!s.Exists || s.MergedInto is not null)
        {
            throw DomainException.Conflict($"Customer {Key.CustomerId} cannot take another customer now.");
        }

        if (s.Absorbed.Contains(absorbedId))
        {
            return []; // a repeated merge: taken already
        }

        var theirs = absorbed.Profile;
        var conflicts = new List<MergeConflict>();
        foreach (var identity in theirs.Identities.Where(i => !s.Identities.Exists(mine => mine.Key == i.Key)))
        {
            s.Identities.Add(identity);
            s.OriginalNames[identity.Key.ToGrainKey()] = theirs.DisplayName;
        }

        s.Redirects.RemoveAll(r => s.Identities.Exists(i => i.Key == r.Identity));
        s.Redirects.AddRange(absorbed.Redirects.Where(r => !s.Identities.Exists(i => i.Key == r.Identity) && !s.Redirects.Exists(mine => mine.Identity == r.Identity)));
        s.Phones.AddRange(theirs.Phones.Where(p => !s.Phones.Contains(p)));
        s.Emails.AddRange(theirs.Emails.Where(e => !s.Emails.Contains(e, StringComparer.OrdinalIgnoreCase)));
        s.Tags.AddRange((theirs.Tags ?? []).Where(t => !s.Tags.Contains(t, StringComparer.Ordinal)));
        s.Notes = string.Join("\n\n", new[] { s.Notes, theirs.Notes }.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal)) is { Length: > 0 } notes ? notes : null;
        s.Username ??= theirs.Username;
        TakeName(absorbed, conflicts);
        if (theirs.ExternalId is { } externalId)
        {
            if (s.ExternalId is null)
            {
                s.ExternalId = externalId;
            }
            else if (s.ExternalId != externalId)
            {
                conflicts.Add(new MergeConflict("externalId", s.ExternalId, externalId, "survivor"));
            }
        }

        TakeAttributes(absorbed, conflicts);
        TakeConsents(theirs.Consents, conflicts);
        s.CreatedAt = theirs.CreatedAt < s.CreatedAt ? theirs.CreatedAt : s.CreatedAt;
        s.CurrentConversationId ??= theirs.CurrentConversationId;
        s.LastConversationId ??= absorbed.LastConversationId;
        await CarryOptOutsAsync(absorbedId);
        s.Absorbed.Add(absorbedId);
        await SaveAsync();
        return conflicts;
    }

    /// <summary>
    /// An opt-out of the absorbed customer stays one for the survivor: each topic (or <c>*</c>) whose latest record of
    /// the absorbed customer is an opt-out gets an opt-out of the survivor, with the original time and the source
    /// <c>merge:{absorbedId}</c>, recorded once however often the merge is repeated. Consents are not carried: the person
    /// opted out under one of their identities, and an opt-out of either wins.
    /// </summary>
    private async Task CarryOptOutsAsync(Guid absorbedId)
    {
        var records = await subscriptions.ReadAsync(Key.TenantId, absorbedId, 1000);
        foreach (var latest in records.GroupBy(r => r.Topic, StringComparer.Ordinal).Select(g => g.First()).Where(r => !r.Subscribed))
        {
            await subscriptions.AppendAsync(new Persistence.Subscriptions.SubscriptionRecord(Key.TenantId, Key.CustomerId, latest.Topic, false,
                $"merge:{absorbedId:N}", latest.At, $"merge:{absorbedId:N}:{latest.Topic}"));
        }
    }

    /// <inheritdoc />
    public async Task<CustomerSplit> SplitOutAsync(IReadOnlyList<ChannelIdentityKey> identities, Guid newCustomerId, IReadOnlyList<Guid> conversations)
    {
        var s = state.State;
        if (!s.Exists || s.MergedInto is not null)
        {
            throw DomainException.Conflict($"Customer {Key.CustomerId} cannot split identities out now.");
        }

        var moving = s.Identities.Where(i => identities.Contains(i.Key)).ToList();
        if (moving.Count != identities.Distinct().Count() || moving.Count == s.Identities.Count)
        {
            throw DomainException.Invalid("identities: each must be an identity of the customer, and at least one must stay.");
        }

        s.Identities.RemoveAll(moving.Contains);
        s.Redirects.RemoveAll(r => identities.Contains(r.Identity));
        s.Redirects.AddRange(moving.Select(i => new IdentityRedirect(i.Key, newCustomerId)));

        // Contacts the split identities vouched for go with them, unless an identity that stays vouches for them too.
        var (phones, emails) = Vouched(moving);
        var (keptPhones, keptEmails) = Vouched(s.Identities);
        s.Phones.RemoveAll(p => phones.Contains(p) && !keptPhones.Contains(p));
        s.Emails.RemoveAll(e => emails.Contains(e, StringComparer.OrdinalIgnoreCase) && !keptEmails.Contains(e, StringComparer.OrdinalIgnoreCase));

        var name = moving.Select(i => s.OriginalNames.GetValueOrDefault(i.Key.ToGrainKey())).FirstOrDefault(n => n is { Length: > 0 })
            ?? $"{moving[0].Key.Kind} {moving[0].Key.ExternalUserId}";
        foreach (var identity in moving)
        {
            s.OriginalNames.Remove(identity.Key.ToGrainKey());
        }

        Guid? current = s.CurrentConversationId is { } open && conversations.Contains(open) ? open : null;
        Guid? last = s.LastConversationId is { } closed && conversations.Contains(closed) ? closed : null;
        s.CurrentConversationId = current is null ? s.CurrentConversationId : null;
        s.LastConversationId = last is null ? s.LastConversationId : null;
        await SaveAsync();
        return new CustomerSplit(moving, name, phones, emails, current, last);
    }

    /// <inheritdoc />
    public async Task<CustomerProfile> AdoptSplitAsync(CustomerSplit split)
    {
        var s = state.State;
        if (s.Exists)
        {
            throw DomainException.Conflict($"Customer {Key.CustomerId} exists already.");
        }

        s.Exists = true;
        s.CreatedAt = split.Identities.Count > 0 ? split.Identities.Min(i => i.FirstSeenAt) : time.GetUtcNow();
        s.Identities.AddRange(split.Identities);
        s.DisplayName = split.DisplayName;
        s.NameSetAt = time.GetUtcNow();
        s.Phones.AddRange(split.Phones);
        s.Emails.AddRange(split.Emails);
        s.CurrentConversationId = split.CurrentConversationId;
        s.LastConversationId = split.LastConversationId;
        await SaveAsync();
        return Profile();
    }

    /// <summary>
    /// The name rule: a real name beats a made-up one (a website visitor's), a verified name (the business's system, an
    /// operator) beats a channel's, else the newer wins.
    /// </summary>
    private void TakeName(AbsorbedCustomer absorbed, List<MergeConflict> conflicts)
    {
        var s = state.State;
        var other = absorbed.Profile.DisplayName;
        if (other.Length == 0 || other == s.DisplayName)
        {
            return;
        }

        var (takeOther, reason) = s.DisplayName.Length == 0 ? (true, "")
            : absorbed.Profile.NameGenerated != s.NameGenerated ? (s.NameGenerated, "real")
            : absorbed.NameVerified != s.NameVerified ? (absorbed.NameVerified, "verified")
            : Newer(absorbed.NameSetAt, s.NameSetAt);
        var kept = takeOther ? other : s.DisplayName;
        if (reason.Length > 0)
        {
            conflicts.Add(new MergeConflict("name", kept, takeOther ? s.DisplayName : other, reason));
        }

        if (takeOther)
        {
            s.DisplayName = other;
            s.NameSetAt = absorbed.NameSetAt;
            s.NameVerified = absorbed.NameVerified;
            s.NameGenerated = absorbed.Profile.NameGenerated;
        }
    }

    /// <summary>The attribute rule: an attribute only one has moves; on different values the newer wins.</summary>
    private void TakeAttributes(AbsorbedCustomer absorbed, List<MergeConflict> conflicts)
    {
        var s = state.State;
        foreach (var (name, value) in absorbed.Profile.Attributes)
        {
            var type = absorbed.Profile.AttributeTypes?.GetValueOrDefault(name) ?? CustomerAttributeType.Text;
            var setAt = absorbed.AttributeSetAt.TryGetValue(name, out var at) ? at : (DateTimeOffset?)null;
            var mine = s.Attributes.GetValueOrDefault(name);
            var takeOther = mine is null;
            if (mine is not null && mine != value)
            {
                (takeOther, var reason) = Newer(setAt, s.AttributeSetAt.TryGetValue(name, out var myAt) ? myAt : null);
                conflicts.Add(new MergeConflict($"attributes.{name}", takeOther ? value : mine, takeOther ? mine : value, reason));
            }

            if (takeOther)
            {
                s.Attributes[name] = value;
                if (type == CustomerAttributeType.Text)
                {
                    s.AttributeTypes.Remove(name);
                }
                else
                {
                    s.AttributeTypes[name] = type;
                }

                if (setAt is { } when)
                {
                    s.AttributeSetAt[name] = when;
                }
            }
        }
    }

    /// <summary>The consent rule: both histories are kept, and for each purpose the newer answer is the one in force.</summary>
    private void TakeConsents(IReadOnlyList<ConsentRecord> theirs, List<MergeConflict> conflicts)
    {
        var s = state.State;
        foreach (var purpose in theirs.Select(c => c.Purpose).Distinct(StringComparer.Ordinal))
        {
            var mine = s.Consents.LastOrDefault(c => c.Purpose == purpose);
            var other = theirs.Last(c => c.Purpose == purpose);
            if (mine is not null && mine.Granted != other.Granted)
            {
                var (newer, older) = other.At > mine.At ? (other, mine) : (mine, other);
                conflicts.Add(new MergeConflict($"consents.{purpose}", Describe(newer), Describe(older), "newer"));
            }
        }

        var all = s.Consents.Concat(theirs).Distinct().OrderBy(c => c.At).ToList();
        s.Consents.Clear();
        s.Consents.AddRange(all);

        static string Describe(ConsentRecord consent) =>
            $"{(consent.Granted ? "granted" : "refused")} {consent.At.ToString("O", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Whether the other value is newer than this one's (an unknown time counts as oldest; a tie keeps the survivor's).</summary>
    private static (bool TakeOther, string Reason) Newer(DateTimeOffset? other, DateTimeOffset? mine) =>
        (other ?? DateTimeOffset.MinValue).CompareTo(mine ?? DateTimeOffset.MinValue) switch
        {
            > 0 => (true, "newer"),
            < 0 => (false, "newer"),
            _ => (false, "survivor"),
        };

    /// <summary>The phone numbers and e-mail addresses <paramref name="identities"/> vouch for (verified facts, the address an e-mail identity writes from).</summary>
    private static (List<string> Phones, List<string> Emails) Vouched(IEnumerable<ChannelIdentity> identities)
    {
        var phones = new List<string>();
        var emails = new List<string>();
        foreach (var identity in identities)
        {
            if (PhoneNumbers.ToE164(identity.Verified?.Phone) is { } phone)
            {
                phones.Add(phone);
            }

            if (EmailAddresses.Normalize(identity.Verified?.Email) is { } email)
            {
                emails.Add(email);
            }

            if (identity.Key.Kind == ChannelKind.Email && EmailAddresses.Normalize(identity.Key.ExternalUserId) is { } writesFrom)
            {
                emails.Add(writesFrom);
            }
        }

        return (phones, emails);
    }
}
