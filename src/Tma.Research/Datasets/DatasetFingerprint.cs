using System.Security.Cryptography;

namespace Tma.Research.Datasets;

/// <summary>The identity of a dataset file for reports: SHA-256 over its bytes.</summary>
public static class DatasetFingerprint
{
    /// <summary>Computes <c>sha256:&lt;64 lower-case hex digits&gt;</c> over the file's bytes, streaming.</summary>
    /// <param name="path">The dataset file.</param>
    /// <returns>The fingerprint.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static string Compute(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
