namespace Conversations.Channels.Email;

/// <summary>
/// How far a mailbox folder has been read: its UIDVALIDITY and the last UID stored on our side (RFC 3501 2.3.1.1:
/// a UID names the same message for as long as UIDVALIDITY stays the same). Kept as one 64-bit polling offset of the
/// channel account (UIDVALIDITY in the high half, the UID in the low half), so a restart goes on after the last
/// stored message. When the server changes UIDVALIDITY the folder is read again from its first UID; the Message-ID
/// dedup keys keep the messages stored before from being stored twice.
/// </summary>
/// <param name="UidValidity">The folder's UIDVALIDITY.</param>
/// <param name="LastUid">The last UID stored (0 for none).</param>
public readonly record struct EmailPosition(uint UidValidity, uint LastUid)
{
    /// <summary>The position as the account's polling offset.</summary>
    public long Offset => ((long)UidValidity << 32) | LastUid;

    /// <summary>The position stored as <paramref name="offset"/>.</summary>
    public static EmailPosition FromOffset(long offset) => new((uint)(offset >> 32), (uint)(offset & uint.MaxValue));
}
