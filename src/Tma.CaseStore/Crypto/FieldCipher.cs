using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tma.CaseStore;

/// <summary>Where a ciphertext lives: the AES-GCM associated data that binds it to its row and column.</summary>
internal readonly record struct FieldSlot(string TenantId, Guid CaseId, string Table, Guid RecordId, string Column)
{
    public override string ToString() => $"{Table}.{Column} of record {RecordId}";

    /// <summary>Length-prefixed UTF-8 encoding of every part, so no two different slots share associated data.</summary>
    public byte[] ToAssociatedData() => Canonical.Encode("tma.field.v1", TenantId, CaseId.ToString("D"), Table, RecordId.ToString("D"), Column);
}

/// <summary>Unambiguous encodings: each part as a 4-byte big-endian length (0xFFFFFFFF for null) and its UTF-8 bytes.</summary>
internal static class Canonical
{
    public static byte[] Encode(params string?[] parts)
    {
        var size = 0;
        foreach (var part in parts)
        {
            size += 4 + (part is null ? 0 : Encoding.UTF8.GetByteCount(part));
        }

        var buffer = new byte[size];
        var span = buffer.AsSpan();
        foreach (var part in parts)
        {
            if (part is null)
            {
                BinaryPrimitives.WriteUInt32BigEndian(span, uint.MaxValue);
                span = span[4..];
                continue;
            }

            var written = Encoding.UTF8.GetBytes(part, span[4..]);
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)written);
            span = span[(4 + written)..];
        }

        return buffer;
    }
}

/// <summary>
/// AES-256-GCM encryption of one field. Layout: version byte (1), 12-byte random nonce, 16-byte tag, ciphertext.
/// The associated data is the <see cref="FieldSlot"/>, so a ciphertext copied to another row or column fails.
/// </summary>
internal static class FieldCipher
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int Overhead = 1 + NonceSize + TagSize;

    public static byte[] Encrypt(ReadOnlySpan<byte> dataKey, FieldSlot slot, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[Overhead + plaintext.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(dataKey, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(Overhead), output.AsSpan(1 + NonceSize, TagSize), slot.ToAssociatedData());
        return output;
    }

    public static byte[] EncryptString(ReadOnlySpan<byte> dataKey, FieldSlot slot, string plaintext) =>
        Encrypt(dataKey, slot, Encoding.UTF8.GetBytes(plaintext));

    public static byte[] Decrypt(ReadOnlySpan<byte> dataKey, FieldSlot slot, byte[]? ciphertext)
    {
        if (ciphertext is null || ciphertext.Length < Overhead || ciphertext[0] != FormatVersion)
        {
            throw new ContentUnavailableException(ContentUnavailableReason.IntegrityFailure, slot.CaseId, slot.ToString());
        }

        var plain = new byte[ciphertext.Length - Overhead];
        try
        {
            using var aes = new AesGcm(dataKey, TagSize);
            aes.Decrypt(ciphertext.AsSpan(1, NonceSize), ciphertext.AsSpan(Overhead), ciphertext.AsSpan(1 + NonceSize, TagSize), plain, slot.ToAssociatedData());
        }
        catch (CryptographicException ex)
        {
            throw new ContentUnavailableException(ContentUnavailableReason.IntegrityFailure, slot.CaseId, slot.ToString(), ex);
        }

        return plain;
    }

    public static string DecryptString(ReadOnlySpan<byte> dataKey, FieldSlot slot, byte[]? ciphertext) =>
        Encoding.UTF8.GetString(Decrypt(dataKey, slot, ciphertext));
}
