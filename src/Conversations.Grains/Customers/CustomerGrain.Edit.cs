using System.Text.Json;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Persistence.Customers;

namespace Conversations.Grains.Customers;

/// <summary>Profile editing by operators: name, contacts, notes, tags, each change audit-logged.</summary>
internal sealed partial class CustomerGrain
{
    /// <summary>Longest name an operator may give.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest notes.</summary>
    public const int MaxNotesLength = 4000;

    /// <summary>Most phones, and most e-mails, an operator may keep on a profile.</summary>
    public const int MaxContacts = 10;

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async Task<CustomerProfile> EditProfileAsync(CustomerEdit edit)
    {
        if (Redirect() is { } survivor)
        {
            return await survivor.EditProfileAsync(edit);
        }

        var s = state.State;
        if (!s.Exists)
        {
            throw DomainException.NotFound($"There is no customer {Key.CustomerId}.");
        }

        var changes = new List<object>();
        if (edit.DisplayName is { } given)
        {
            var name = given.Trim();
            if (name.Length is 0 or > MaxNameLength)
            {
                throw DomainException.Invalid($"$.name: 1 to {MaxNameLength} characters.");
            }

            if (name != s.DisplayName || s.NameGenerated)
            {
                changes.Add(new { field = "name", from = s.DisplayName, to = name });
                s.DisplayName = name;
                s.NameSetAt = time.GetUtcNow();
                s.NameVerified = true; // an operator's name beats a channel's display name, in a merge and on the next message
                s.NameGenerated = false;
            }
        }

        var (vouchedPhones, vouchedEmails) = Vouched(s.Identities);
        if (edit.Phones is { } phones)
        {
            var wanted = Contacts(phones, "phones", PhoneNumbers.ToE164, "an international phone number (+ and 7 to 15 digits)", StringComparer.Ordinal);
            KeepVouched(wanted, vouchedPhones, "phones", StringComparer.Ordinal);
            Replace(s.Phones, wanted, "phones", changes, StringComparer.Ordinal);
        }

        if (edit.Emails is { } emails)
        {
            var wanted = Contacts(emails, "emails", EmailAddresses.Normalize, "an e-mail address", StringComparer.OrdinalIgnoreCase);
            KeepVouched(wanted, vouchedEmails, "emails", StringComparer.OrdinalIgnoreCase);
            Replace(s.Emails, wanted, "emails", changes, StringComparer.OrdinalIgnoreCase);
        }

        if (edit.Notes is { } notes)
        {
            var text = notes.Trim();
            if (text.Length > MaxNotesLength)
            {
                throw DomainException.Invalid($"$.notes: at most {MaxNotesLength} characters.");
            }

            if (text != (s.Notes ?? ""))
            {
                changes.Add(new { field = "notes", from = s.Notes ?? "", to = text });
                s.Notes = text.Length > 0 ? text : null;
            }
        }

        if (edit.Tags is { } tags)
        {
            var wanted = new List<string>();
            for (var i = 0; i < tags.Count; i++)
            {
                var tag = ConversationLabels.One(tags[i], $"$.tags[{i}]");
                if (!wanted.Contains(tag, StringComparer.Ordinal))
                {
                    wanted.Add(tag);
                }
            }

            if (wanted.Count > ConversationLabels.MaxCount)
            {
                throw DomainException.Invalid($"$.tags: at most {ConversationLabels.MaxCount} tags.");
            }

            Replace(s.Tags, wanted, "tags", changes, StringComparer.Ordinal);
        }

        if (changes.Count > 0)
        {
            await SaveAsync();
            await ledger.AppendAuditAsync([new CustomerAuditEntry(Key.TenantId, Key.CustomerId, time.GetUtcNow(), edit.Actor.OperatorId, edit.Actor.Name,
                "edited", JsonSerializer.Serialize(new { changes }, AuditJson))]);
        }

        if (edit.DisplayName is not null && s.CurrentConversationId is { } conversationId)
        {
            // The open conversation shows the new name at once (also when a retried edit finds it saved already).
            await Conversation(conversationId).RenameCustomerAsync(s.DisplayName);
        }

        return Profile();
    }

    /// <summary>The contacts as stored (normalized, duplicates dropped), or a refusal naming the first bad one.</summary>
    private static List<string> Contacts(IReadOnlyList<string> given, string field, Func<string?, string?> normalize, string what, StringComparer comparer)
    {
        if (given.Count > MaxContacts)
        {
            throw DomainException.Invalid($"$.{field}: at most {MaxContacts}.");
        }

        var result = new List<string>();
        for (var i = 0; i < given.Count; i++)
        {
            var value = normalize(given[i]) ?? throw DomainException.Invalid($"$.{field}[{i}]: not {what}.");
            if (!result.Contains(value, comparer))
            {
                result.Add(value);
            }
        }

        return result;
    }

    /// <summary>A contact a channel vouches for stays: it is what links the customer's identities.</summary>
    private static void KeepVouched(List<string> wanted, List<string> vouched, string field, StringComparer comparer)
    {
        foreach (var contact in vouched.Distinct(comparer))
        {
            if (!wanted.Contains(contact, comparer))
            {
                throw DomainException.Invalid($"$.{field}: {contact} is vouched for by one of the customer's channels and stays on the profile.");
            }
        }
    }

    private static void Replace(List<string> current, List<string> wanted, string field, List<object> changes, StringComparer comparer)
    {
        if (current.SequenceEqual(wanted, comparer))
        {
            return;
        }

        changes.Add(new { field, from = current.ToArray(), to = wanted.ToArray() });
        current.Clear();
        current.AddRange(wanted);
    }
}
