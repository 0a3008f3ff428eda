using System.Net;
using System.Security.Cryptography;
using Tma.Models.Packaging;

namespace Tma.Scoring.Hosting;

/// <summary>Finds the candidates of a package folder: archives, and (development) unpacked package folders.</summary>
internal static class FolderSource
{
    public static List<PackageCandidate> Scan(string directory, bool includeUnpacked)
    {
        var candidates = new List<PackageCandidate>();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + PackageArchive.Extension).Order(StringComparer.Ordinal))
        {
            byte[] archive;
            byte[]? signature;
            try
            {
                archive = ReadBounded(path);
                var signaturePath = PackageArchive.SignaturePath(path);
                signature = File.Exists(signaturePath) ? ReadBounded(signaturePath) : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Being written or locked right now: the next scan (watcher or timer) picks it up.
                continue;
            }

            var fingerprint = Fingerprint(archive, signature);
            var input = new LoadInput(archive, signature, null);
            candidates.Add(new PackageCandidate(Path.GetFullPath(path), SourceKinds.Folder, fingerprint, _ => Task.FromResult(input)));
        }

        if (includeUnpacked)
        {
            foreach (var folder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
            {
                if (Path.GetFileName(folder).StartsWith('.') || !File.Exists(Path.Combine(folder, ModelPackage.ModelFileName)))
                {
                    continue;
                }

                var fingerprint = FolderFingerprint(folder);
                var input = new LoadInput(null, null, folder);
                candidates.Add(new PackageCandidate(Path.GetFullPath(folder), SourceKinds.Development, fingerprint, _ => Task.FromResult(input)));
            }
        }

        return candidates;
    }

    public static string Fingerprint(byte[] archive, byte[]? signature) =>
        Convert.ToHexStringLower(SHA256.HashData(archive)) + "/" + (signature is null ? "unsigned" : Convert.ToHexStringLower(SHA256.HashData(signature)));

    private static byte[] ReadBounded(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > PackageArchive.MaxArchiveBytes)
        {
            throw new IOException("too large");
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>A fingerprint of every file's path, size and write time: cheap, and changes whenever a file does.</summary>
    private static string FolderFingerprint(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{Path.GetRelativePath(folder, file)}\n{info.Length}\n{info.LastWriteTimeUtc.Ticks}\n"));
        }

        return "folder/" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>Finds the candidates of an HTTP feed: <c>index.json</c> lists the archives; each may have a <c>.sig</c> next to it.</summary>
internal sealed class FeedSource
{
    private readonly HttpClient _http;
    private readonly Uri _feed;

    public FeedSource(HttpClient http, Uri feed)
    {
        _http = http;
        _feed = feed.AbsoluteUri.EndsWith('/') ? feed : new Uri(feed.AbsoluteUri + "/");
    }

    public string Name => _feed.AbsoluteUri;

    /// <summary>
    /// The feed's candidates and the listed archives that could not be fetched right now (whatever is in service from
    /// them stays), or null and a reason when the index cannot be read.
    /// </summary>
    public async Task<(List<PackageCandidate>? Candidates, HashSet<string> Unreachable, string? Problem)> ScanAsync(CancellationToken cancellationToken)
    {
        var unreachable = new HashSet<string>(StringComparer.Ordinal);
        var index = await GetAsync(new Uri(_feed, PackageFeedIndex.FileName), PackageFeedIndex.MaxBytes, cancellationToken).ConfigureAwait(false);
        if (index.Bytes is null)
        {
            return (null, unreachable, index.Problem ?? "index.json not found");
        }

        if (!PackageFeedIndex.TryParse(index.Bytes, out var entries, out var problem))
        {
            return (null, unreachable, problem);
        }

        var candidates = new List<PackageCandidate>();
        foreach (var entry in entries.DistinctBy(e => e.File))
        {
            var url = new Uri(_feed, entry.File);
            var signatureResult = await GetAsync(new Uri(_feed, entry.File + ".sig"), PackageSignature.MaxBytes, cancellationToken).ConfigureAwait(false);
            if (signatureResult.Problem is not null)
            {
                // Unreachable right now: keep whatever is in service from this archive, try again next scan.
                unreachable.Add(url.AbsoluteUri);
                continue;
            }

            var signature = signatureResult.Bytes;
            var signaturePart = signature is null ? "unsigned" : Convert.ToHexStringLower(SHA256.HashData(signature));
            if (entry.Sha256 is { } listed && listed.StartsWith("sha256:", StringComparison.Ordinal))
            {
                var archiveHash = listed["sha256:".Length..];
                candidates.Add(new PackageCandidate(url.AbsoluteUri, SourceKinds.Feed, archiveHash + "/" + signaturePart, async ct =>
                {
                    var archive = await GetAsync(url, PackageArchive.MaxArchiveBytes, ct).ConfigureAwait(false);
                    if (archive.Bytes is null)
                    {
                        return new LoadInput(null, null, null, $"the archive could not be downloaded ({archive.Problem ?? "not found"})");
                    }

                    var actual = Convert.ToHexStringLower(SHA256.HashData(archive.Bytes));
                    return actual == archiveHash
                        ? new LoadInput(archive.Bytes, signature, null)
                        : new LoadInput(null, null, null, $"the downloaded archive's SHA-256 ({actual[..12]}…) differs from the index's ({archiveHash[..Math.Min(12, archiveHash.Length)]}…)");
                }));
            }
            else
            {
                var archive = await GetAsync(url, PackageArchive.MaxArchiveBytes, cancellationToken).ConfigureAwait(false);
                if (archive.Bytes is null)
                {
                    unreachable.Add(url.AbsoluteUri);
                    continue;
                }

                var input = new LoadInput(archive.Bytes, signature, null);
                candidates.Add(new PackageCandidate(url.AbsoluteUri, SourceKinds.Feed, FolderSource.Fingerprint(archive.Bytes, signature), _ => Task.FromResult(input)));
            }
        }

        return (candidates, unreachable, null);
    }

    /// <summary>The body of a GET (at most <paramref name="maxBytes"/>), null bytes for 404, or a problem.</summary>
    private async Task<(byte[]? Bytes, string? Problem)> GetAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return (null, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, $"HTTP {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return (null, "response too large");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, "response too large");
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), null);
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timed out");
        }
    }
}
