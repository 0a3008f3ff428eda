using System.Security.Cryptography;
using System.Text;

namespace Tma.CaseStore.Tests.Infrastructure;

public static class TestKeys
{
    /// <summary>A deterministic 32-byte key derived from a name (tests only).</summary>
    public static byte[] Key(string name) => SHA256.HashData(Encoding.UTF8.GetBytes("test-kek:" + name));

    /// <summary>A provider holding the named keys; the last is current.</summary>
    public static LocalKeyProvider Provider(params string[] ids) =>
        new(ids.Select(id => new KeyValuePair<string, byte[]>(id, Key(id))));

    /// <summary>The provider's key text, as a key file or TMA_CASESTORE_KEYS would hold it.</summary>
    public static string Text(params string[] ids) =>
        string.Join(";", ids.Select(id => id + ":" + Convert.ToBase64String(Key(id))));
}
