using Tma.Models.Packaging;

namespace Tma.Scoring.Hosting;

/// <summary>Validates <see cref="ModelRegistryOptions"/>, reporting every problem at once.</summary>
public static class ModelRegistryOptionsValidator
{
    /// <summary>Every problem of the options, each starting with the option's name; empty when they are valid.</summary>
    /// <param name="options">The options to check (folders and key files are read).</param>
    /// <returns>The problems.</returns>
    public static IReadOnlyList<string> Validate(ModelRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Problems(options, out _);
    }

    /// <summary>Every problem of <paramref name="options"/>; the trusted keys are read on the way.</summary>
    internal static List<string> Problems(ModelRegistryOptions options, out List<TrustedKey> keys)
    {
        var problems = new List<string>();
        keys = [];
        if (string.IsNullOrWhiteSpace(options.PackageDirectory) && options.FeedUri is null)
        {
            problems.Add($"{nameof(ModelRegistryOptions.PackageDirectory)} or {nameof(ModelRegistryOptions.FeedUri)}: set at least one package source.");
        }

        if (!string.IsNullOrWhiteSpace(options.PackageDirectory) && !Directory.Exists(options.PackageDirectory))
        {
            problems.Add($"{nameof(ModelRegistryOptions.PackageDirectory)}: the folder `{options.PackageDirectory}` does not exist.");
        }

        if (options.FeedUri is { } feed && (!feed.IsAbsoluteUri || (feed.Scheme != Uri.UriSchemeHttp && feed.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"{nameof(ModelRegistryOptions.FeedUri)}: `{feed}` is not an absolute http or https address.");
        }

        for (var i = 0; i < options.TrustedPublicKeys.Count; i++)
        {
            try
            {
                keys.Add(TrustedKey.FromPem(options.TrustedPublicKeys[i] ?? ""));
            }
            catch (FormatException ex)
            {
                problems.Add($"{nameof(ModelRegistryOptions.TrustedPublicKeys)}[{i}]: {ex.Message}.");
            }
        }

        foreach (var file in options.TrustedPublicKeyFiles)
        {
            try
            {
                keys.Add(TrustedKey.FromPemFile(file));
            }
            catch (FormatException ex)
            {
                problems.Add($"{nameof(ModelRegistryOptions.TrustedPublicKeyFiles)}: `{file}`: {ex.Message}.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                problems.Add($"{nameof(ModelRegistryOptions.TrustedPublicKeyFiles)}: `{file}` cannot be read ({ex.GetType().Name}).");
            }
        }

        if (options.TrustedPublicKeys.Count == 0 && options.TrustedPublicKeyFiles.Count == 0 && !options.AllowUnsigned)
        {
            problems.Add($"{nameof(ModelRegistryOptions.TrustedPublicKeys)}: no trusted key is configured, so every package would be refused; add the release public key (or set {nameof(ModelRegistryOptions.AllowUnsigned)} for development).");
        }

        if (options.RescanInterval != Timeout.InfiniteTimeSpan && options.RescanInterval <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(ModelRegistryOptions.RescanInterval)}: must be positive (or Timeout.InfiniteTimeSpan to turn the periodic rescan off).");
        }

        if (!string.IsNullOrWhiteSpace(options.CacheDirectory) && !string.IsNullOrWhiteSpace(options.PackageDirectory) && IsWithin(options.CacheDirectory, options.PackageDirectory))
        {
            problems.Add($"{nameof(ModelRegistryOptions.CacheDirectory)}: must not be inside {nameof(ModelRegistryOptions.PackageDirectory)} (extracted packages would be scanned as packages).");
        }

        return problems;
    }

    private static bool IsWithin(string path, string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal);
    }
}

/// <summary>The registry options have problems; <see cref="Problems"/> lists every one, each starting with the option's name.</summary>
public sealed class RegistryOptionsException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">Every problem, each starting with the option's name.</param>
    public RegistryOptionsException(IReadOnlyList<string> problems)
        : base("Invalid model registry options: " + string.Join(" ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
