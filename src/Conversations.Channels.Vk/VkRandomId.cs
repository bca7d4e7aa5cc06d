using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Conversations.Channels.Vk;

/// <summary>
/// The <c>random_id</c> of each <c>messages.send</c> call, derived from our outbound message id (and the part, for a
/// text split in several messages). VK keeps it with the message and checks it against the community's whole message
/// history, so a call repeated with the same <c>random_id</c> — a retry after a lost answer, or after a crash between
/// VK accepting the send and us recording it — is not delivered a second time (dev.vk.com/method/messages.send:
/// "unique (per API_ID and sender ID) identifier to prevent re-sending the same message … checked for uniqueness over
/// the whole message history, so use a large range (up to int64)"). 63 bits of SHA-256 keep collisions between
/// different messages out of reach.
/// </summary>
public static class VkRandomId
{
    /// <summary>The random_id of part <paramref name="part"/> (0 for the first) of message <paramref name="messageId"/>.</summary>
    public static long For(Guid messageId, int part)
    {
        Span<byte> input = stackalloc byte[20];
        messageId.TryWriteBytes(input[..16]);
        BinaryPrimitives.WriteInt32LittleEndian(input[16..], part);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var value = BinaryPrimitives.ReadInt64LittleEndian(hash) & long.MaxValue;
        return value == 0 ? 1 : value;
    }
}
