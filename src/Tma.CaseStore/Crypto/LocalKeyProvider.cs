using System.Globalization;
using System.Security.Cryptography;

namespace Tma.CaseStore;

/// <summary>
/// A development key provider: key-encryption keys held in process memory, loaded from a key file or an
/// environment variable. Each key is one entry <c>id:base64</c> (32 random bytes); the <b>last</b> entry is the
/// current key, so appending a new entry and calling <see cref="CaseStore.RotateKeysAsync"/> rotates.
/// Wrapping is AES-256-GCM with a random nonce and the store's context as associated data.
/// </summary>
/// <remarks>Not for production: the keys sit in a file or the environment next to the data, and the host refuses this
/// provider outside development mode. Use <see cref="Pkcs11KeyProvider"/> (an HSM), or implement
/// <see cref="IKeyProvider"/> over a KMS; <see cref="KeyProviderChain"/> moves existing keys there.</remarks>
public sealed class LocalKeyProvider : IKeyProvider
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> _keys;

    /// <summary>Creates a provider from explicit keys.</summary>
    /// <param name="keys">Key id and 32-byte key pairs, in order; the last one is current.</param>
    /// <exception cref="ArgumentException">No keys, a duplicate or malformed id, or a key that is not 32 bytes.</exception>
    public LocalKeyProvider(IEnumerable<KeyValuePair<string, byte[]>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? last = null;
        foreach (var (id, key) in keys)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Contains(':', StringComparison.Ordinal) || id.Any(char.IsWhiteSpace) || id.Length > 64)
            {
                throw new ArgumentException("A key id must be 1-64 characters without ':' or white space.", nameof(keys));
            }

            if (key is null || key.Length != 32)
            {
                throw new ArgumentException($"Key '{id}' must be exactly 32 bytes.", nameof(keys));
            }

            if (!_keys.TryAdd(id, (byte[])key.Clone()))
            {
                throw new ArgumentException($"Key id '{id}' appears twice.", nameof(keys));
            }

            last = id;
        }

        CurrentKeyId = last ?? throw new ArgumentException("At least one key is required.", nameof(keys));
    }

    /// <inheritdoc />
    public string CurrentKeyId { get; }

    /// <summary>The ids of all keys held, oldest first.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>Parses keys from text: entries <c>id:base64</c> separated by new lines or ';'; blank entries and lines starting with '#' are ignored.</summary>
    /// <param name="text">The key text.</param>
    /// <returns>The provider.</returns>
    /// <exception cref="FormatException">An entry is malformed (the message names the entry's position, never key material).</exception>
    public static LocalKeyProvider Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new List<KeyValuePair<string, byte[]>>();
        var entries = text.Split(['\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.StartsWith('#'))
            {
                continue;
            }

            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            byte[] key;
            try
            {
                key = colon > 0 ? Convert.FromBase64String(entry[(colon + 1)..]) : [];
            }
            catch (FormatException)
            {
                key = [];
            }

            if (colon <= 0 || key.Length != 32)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Key entry {i + 1} is not 'id:base64' of a 32-byte key."));
            }

            keys.Add(new(entry[..colon], key));
        }

        return new LocalKeyProvider(keys);
    }

    /// <summary>Loads keys from a file (see <see cref="Parse"/> for the format).</summary>
    /// <param name="path">The key file.</param>
    /// <returns>The provider.</returns>
    public static LocalKeyProvider FromFile(string path) => Parse(File.ReadAllText(path));

    /// <summary>Loads keys from an environment variable (see <see cref="Parse"/>; use ';' between entries).</summary>
    /// <param name="variable">The variable's name; default <c>TMA_CASESTORE_KEYS</c>.</param>
    /// <returns>The provider.</returns>
    /// <exception cref="InvalidOperationException">The variable is not set.</exception>
    public static LocalKeyProvider FromEnvironment(string variable = "TMA_CASESTORE_KEYS")
    {
        var text = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(text)
            ? throw new InvalidOperationException($"Environment variable {variable} holds no keys.")
            : Parse(text);
    }

    /// <summary>Generates a new key entry <c>id:base64</c> from the system's cryptographic random number generator.</summary>
    /// <param name="keyId">The id for the new key.</param>
    /// <returns>The entry, to append to a key file or variable.</returns>
    public static string GenerateEntry(string keyId) => keyId + ":" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <inheritdoc />
    public ValueTask<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        var kek = _keys[CurrentKeyId];
        var output = new byte[1 + NonceSize + TagSize + dataKey.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(kek, TagSize);
        aes.Encrypt(nonce, dataKey.Span, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize), context.Span);
        return ValueTask.FromResult(new WrappedKey(CurrentKeyId, output));
    }

    /// <inheritdoc />
    public ValueTask<byte[]> UnwrapAsync(WrappedKey wrappedKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrappedKey);
        if (!_keys.TryGetValue(wrappedKey.KeyId, out var kek))
        {
            throw new CryptographicException($"Key-encryption key '{wrappedKey.KeyId}' is not held by this provider.");
        }

        var input = wrappedKey.Ciphertext;
        if (input.Length <= 1 + NonceSize + TagSize || input[0] != FormatVersion)
        {
            throw new CryptographicException("The wrapped key is malformed.");
        }

        var plain = new byte[input.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(kek, TagSize);
        aes.Decrypt(input.AsSpan(1, NonceSize), input.AsSpan(1 + NonceSize + TagSize), input.AsSpan(1 + NonceSize, TagSize), plain, context.Span);
        return ValueTask.FromResult(plain);
    }
}
