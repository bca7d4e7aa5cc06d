using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Conversations;

/// <summary>A private note in a conversation: colleagues see it in the history; the customer never gets it.</summary>
/// <param name="Text">The note.</param>
public sealed record AddNoteRequest([property: Required, MaxLength(FieldLimits.MessageText)] string Text);
