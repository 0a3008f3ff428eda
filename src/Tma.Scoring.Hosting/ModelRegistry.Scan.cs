using System.Diagnostics;

namespace Tma.Scoring.Hosting;

public sealed partial class ModelRegistry
{
    /// <summary>
    /// Reads the sources now: new or changed archives are verified, loaded and compiled; those that pass every check
    /// are put in service (new resolutions use them), the others are refused and logged once, and the versions in
    /// service stay. Archives that disappeared are withdrawn. Rescans never overlap; the watcher and the periodic
    /// timer call this too.
    /// </summary>
    /// <returns>What changed.</returns>
    /// <exception cref="ObjectDisposedException">The registry was disposed.</exception>
    public async Task<RescanResult> RescanAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _scanLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var activity = TmaScoringTelemetry.Source.StartActivity(TmaScoringTelemetry.RescanActivity);
            return await ScanAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _scanLock.Release();
        }
    }

    private async Task<RescanResult> ScanAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<PackageCandidate>();
        var keep = new HashSet<string>(StringComparer.Ordinal);
        var feedAvailable = true;
        var folderAvailable = true;
        if (_packageDirectory is not null)
        {
            try
            {
                candidates.AddRange(FolderSource.Scan(_packageDirectory, _allowUnsigned));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                folderAvailable = false;
                RegistryLog.WatcherFailed(_logger, _packageDirectory, ex.GetType().Name);
            }
        }

        if (_feed is not null)
        {
            var (feedCandidates, unreachable, problem) = await _feed.ScanAsync(cancellationToken).ConfigureAwait(false);
            if (feedCandidates is null)
            {
                feedAvailable = false;
                RegistryLog.FeedUnavailable(_logger, _feed.Name, problem ?? "unknown");
            }
            else
            {
                candidates.AddRange(feedCandidates);
                keep.UnionWith(unreachable);
            }
        }

        var loaded = new List<RegisteredModel>();
        var refused = new List<PackageRefusal>();
        var withdrawn = new List<RegisteredModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            seen.Add(candidate.Key);
            if (_sources.TryGetValue(candidate.Key, out var state) && state.Fingerprint == candidate.Fingerprint)
            {
                continue;
            }

            var outcome = await LoadAsync(candidate, cancellationToken).ConfigureAwait(false);
            if (state is null)
            {
                state = new SourceState { Fingerprint = candidate.Fingerprint, Kind = candidate.Kind };
                _sources[candidate.Key] = state;
            }
            else
            {
                state.Fingerprint = candidate.Fingerprint;
            }

            if (outcome.Entry is { } entry)
            {
                if (state.Entry is { } replaced && replaced.Info.Version != entry.Info.Version)
                {
                    withdrawn.Add(replaced.Info);
                }

                state.Entry = entry;
                loaded.Add(entry.Info);
                TmaScoringTelemetry.ModelLoads.Add(1,
                    new KeyValuePair<string, object?>("tma.model.id", entry.Info.Id),
                    new KeyValuePair<string, object?>("tma.model.version", entry.Info.Version.ToString()),
                    new KeyValuePair<string, object?>("tma.source", candidate.Kind));
                if (outcome.AcceptedUnsigned)
                {
                    RegistryLog.AcceptedUnsigned(_logger, candidate.Key);
                }

                RegistryLog.Loaded(_logger, entry.Info.Id, entry.Info.Version.ToString(), entry.Info.ContentHash, candidate.Key, entry.Info.SignedBy ?? "nobody (unsigned, development mode)");
            }
            else if (outcome.Refusal is { } refusal)
            {
                // The previous content of this source (if any) stays in service.
                refused.Add(refusal);
                TmaScoringTelemetry.ModelLoadFailures.Add(1,
                    new KeyValuePair<string, object?>("tma.reason", refusal.ReasonName),
                    new KeyValuePair<string, object?>("tma.source", candidate.Kind));
                RegistryLog.Refused(_logger, refusal.Source, refusal.ReasonName, string.Join("; ", refusal.Details));
            }
        }

        foreach (var (key, state) in _sources.ToList())
        {
            var available = state.Kind == SourceKinds.Feed ? feedAvailable : folderAvailable;
            if (seen.Contains(key) || keep.Contains(key) || !available)
            {
                continue;
            }

            _sources.Remove(key);
            if (state.Entry is { } gone)
            {
                withdrawn.Add(gone.Info);
                RegistryLog.Withdrawn(_logger, gone.Info.Id, gone.Info.Version.ToString(), key);
            }
        }

        Volatile.Write(ref _snapshot, new RegistrySnapshot(_sources.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.Entry).OfType<RegistryEntry>()));
        return new RescanResult(loaded, refused, withdrawn);
    }

    private async Task<LoadOutcome> LoadAsync(PackageCandidate candidate, CancellationToken cancellationToken)
    {
        using var activity = TmaScoringTelemetry.Source.StartActivity(TmaScoringTelemetry.LoadActivity);
        activity?.SetTag("tma.source", candidate.Kind);
        try
        {
            var input = await candidate.Fetch(cancellationToken).ConfigureAwait(false);
            var outcome = _loader.Load(candidate, input, ContentHashInService);
            if (outcome.Entry is { } entry)
            {
                activity?.SetTag("tma.model.id", entry.Info.Id);
                activity?.SetTag("tma.model.version", entry.Info.Version.ToString());
            }
            else
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome.Refusal?.ReasonName);
            }

            return outcome;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            return new LoadOutcome(null, new PackageRefusal(candidate.Key, RefusalReason.Integrity, [$"the package could not be read or extracted ({ex.GetType().Name}: {ex.Message})"]), false);
        }
    }

    /// <summary>
    /// The content hash in service for this id and version: from any other source, or from this source's current
    /// entry (a file replaced in place under the same version is a conflict too).
    /// </summary>
    private string? ContentHashInService(string id, string version)
    {
        foreach (var (_, state) in _sources)
        {
            if (state.Entry is { } entry && entry.Info.Id == id && entry.Info.Version.ToString() == version)
            {
                return entry.Info.ContentHash;
            }
        }

        return null;
    }
}
