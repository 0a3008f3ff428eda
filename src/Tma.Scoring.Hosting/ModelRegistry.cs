using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tma.Models.Cases;

namespace Tma.Scoring.Hosting;

/// <summary>
/// Serves compiled models from signed package archives in a folder and/or an HTTP feed. Each archive is verified
/// against the trusted keys, extracted into a private cache, loaded, checked against this engine's version and
/// compiled once; <c>id@range</c> references resolve to the newest version in service. New versions dropped into the
/// folder are picked up without a restart (file-system watcher, periodic rescan, or <see cref="RescanAsync"/>) once
/// they pass every check; a broken, tampered, unsigned or conflicting version is refused and logged, and the versions
/// in service stay. Compiled models are immutable: an assessment that is running keeps the model it started with.
/// Thread-safe.
/// </summary>
public sealed partial class ModelRegistry : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan DebounceDelay = TimeSpan.FromMilliseconds(500);

    private readonly string? _packageDirectory;
    private readonly bool _allowUnsigned;
    private readonly bool _watch;
    private readonly TimeSpan _rescanInterval;
    private readonly string _cacheDirectory;
    private readonly bool _ownsCache;
    private readonly HttpClient? _http;
    private readonly bool _ownsHttp;
    private readonly FeedSource? _feed;
    private readonly PackageLoader _loader;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _scanLock = new(1, 1);
    private readonly Lock _startLock = new();
    private readonly Dictionary<string, SourceState> _sources = new(StringComparer.Ordinal);
    private RegistrySnapshot _snapshot = RegistrySnapshot.Empty;
    private Task? _started;
    private FileSystemWatcher? _watcher;
    private ITimer? _periodic;
    private ITimer? _debounce;
    private volatile bool _disposed;

    /// <summary>Creates a registry. Nothing is read until <see cref="StartAsync"/>, <see cref="RescanAsync"/> or the first resolution.</summary>
    /// <param name="options">Sources, trusted keys and reload settings.</param>
    /// <param name="logger">Where refusals and loads are logged (no personal data); none by default.</param>
    /// <param name="timeProvider">Clock for assessments, timers and durations; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="httpClient">Client for <see cref="ModelRegistryOptions.FeedUri"/>; by default the registry creates (and disposes) its own.</param>
    /// <exception cref="RegistryOptionsException">The options have problems; the exception lists all of them.</exception>
    public ModelRegistry(ModelRegistryOptions options, ILogger<ModelRegistry>? logger = null, TimeProvider? timeProvider = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = ModelRegistryOptionsValidator.Problems(options, out var keys);
        if (problems.Count > 0)
        {
            throw new RegistryOptionsException(problems);
        }

        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _packageDirectory = string.IsNullOrWhiteSpace(options.PackageDirectory) ? null : Path.GetFullPath(options.PackageDirectory);
        _allowUnsigned = options.AllowUnsigned;
        _watch = options.WatchForChanges;
        _rescanInterval = options.RescanInterval;
        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            _cacheDirectory = Directory.CreateTempSubdirectory("tma-registry-").FullName;
            _ownsCache = true;
        }
        else
        {
            _cacheDirectory = Path.GetFullPath(options.CacheDirectory);
            CreatePrivateDirectory(_cacheDirectory);
        }

        if (options.FeedUri is not null)
        {
            _http = httpClient ?? new HttpClient();
            _ownsHttp = httpClient is null;
            _feed = new FeedSource(_http, options.FeedUri);
        }

        _loader = new PackageLoader(keys, _allowUnsigned, _cacheDirectory, _time, [.. options.Kinds]);
    }

    /// <summary>Every package version in service, by id then newest version first.</summary>
    public IReadOnlyList<RegisteredModel> Models => Volatile.Read(ref _snapshot).Models;

    /// <summary>
    /// Loads what the sources hold now and starts watching them (file-system watcher and periodic rescan, as
    /// configured). Idempotent; resolutions call it implicitly.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The registry was disposed.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_startLock)
        {
            _started ??= StartCoreAsync();
        }

        return _started.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Resolves <c>id@range</c> (npm-style: <c>^1.0</c>, <c>~1.2.3</c>, <c>&gt;=1.0 &lt;2.0</c>, <c>1.2.0</c>; a bare id
    /// means any release version) to the newest matching version in service. The returned model is immutable: keep
    /// it for the whole assessment, and resolve again for the next one to pick up new versions.
    /// </summary>
    /// <exception cref="ArgumentException">The reference is malformed.</exception>
    /// <exception cref="ModelNotFoundException">No version in service matches.</exception>
    public async Task<IRiskModel> ResolveAsync(string reference, CancellationToken cancellationToken = default)
    {
        var request = ModelRequest.Parse(reference);
        await StartAsync(cancellationToken).ConfigureAwait(false);
        return Find(request).Model;
    }

    /// <summary>
    /// Resolves <c>id@range</c> like <see cref="ResolveAsync"/>, without waiting: for hosts that called
    /// <see cref="StartAsync"/> at start-up.
    /// </summary>
    /// <exception cref="ArgumentException">The reference is malformed.</exception>
    /// <exception cref="InvalidOperationException">The registry has not finished its first scan (call <see cref="StartAsync"/> first).</exception>
    /// <exception cref="ModelNotFoundException">No version in service matches.</exception>
    public IRiskModel Resolve(string reference)
    {
        var request = ModelRequest.Parse(reference);
        if (_started is not { IsCompletedSuccessfully: true })
        {
            throw new InvalidOperationException("The model registry has not finished its first scan; await StartAsync() at start-up, or use ResolveAsync.");
        }

        return Find(request).Model;
    }

    /// <summary>Resolves <paramref name="reference"/> and assesses a case with it (counted and timed in the <c>Tma.Scoring</c> metrics).</summary>
    /// <exception cref="ArgumentException">The reference is malformed.</exception>
    /// <exception cref="ModelNotFoundException">No version in service matches.</exception>
    /// <exception cref="InvalidCaseException">The case does not fit the model.</exception>
    public async Task<Assessments.Assessment> AssessAsync(string reference, CaseData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var model = (InstrumentedRiskModel)await ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        return model.Assess(data, InstrumentedRiskModel.RolePrimary);
    }

    /// <summary>
    /// Scores a case with a champion and a challenger version. The champion's assessment is the one to show; the
    /// challenger's is returned (and counted with role <c>challenger</c>) for comparison only. A challenger that is not
    /// in service or fails on the case never affects the champion's result.
    /// </summary>
    /// <param name="championReference">The version in service for users, e.g. <c>workplace-violence-screening@^1.0</c>.</param>
    /// <param name="challengerReference">The version under trial, e.g. <c>workplace-violence-screening@2.0.0-rc.1</c>.</param>
    /// <param name="data">The case.</param>
    /// <param name="cancellationToken">Cancels waiting for the first scan.</param>
    /// <exception cref="ArgumentException">A reference is malformed.</exception>
    /// <exception cref="ModelNotFoundException">No champion version in service matches.</exception>
    /// <exception cref="InvalidCaseException">The case does not fit the champion.</exception>
    public async Task<ChampionChallengerAssessment> AssessWithChallengerAsync(string championReference, string challengerReference, CaseData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var challengerRequest = ModelRequest.Parse(challengerReference);
        var champion = (InstrumentedRiskModel)await ResolveAsync(championReference, cancellationToken).ConfigureAwait(false);
        var shown = champion.Assess(data, InstrumentedRiskModel.RoleChampion);

        RegistryEntry challenger;
        try
        {
            challenger = Find(challengerRequest);
        }
        catch (ModelNotFoundException ex)
        {
            return new ChampionChallengerAssessment(shown, null, ex.Message);
        }

        try
        {
            return new ChampionChallengerAssessment(shown, challenger.Model.Assess(data, InstrumentedRiskModel.RoleChallenger), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            RegistryLog.ChallengerFailed(_logger, challenger.Info.Id, challenger.Info.Version.ToString(), ex.GetType().Name);
            return new ChampionChallengerAssessment(shown, null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Disposes the watcher, the timers, the HTTP client it created and the cache folder it created.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopWatching();
        _scanLock.Wait();
        try
        {
            ReleaseResources();
        }
        finally
        {
            _scanLock.Release();
        }
    }

    /// <summary>Disposes the registry after any running rescan has finished.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopWatching();
        await _scanLock.WaitAsync().ConfigureAwait(false);
        try
        {
            ReleaseResources();
        }
        finally
        {
            _scanLock.Release();
        }
    }

    /// <summary>The private folder archives are extracted into.</summary>
    internal string CacheDirectory => _cacheDirectory;

    /// <summary>The rescan most recently started by the watcher or the timer (tests wait for it).</summary>
    internal Task LastBackgroundRescan { get; private set; } = Task.CompletedTask;

    private RegistryEntry Find(ModelRequest request)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return snapshot.Resolve(request) ?? throw new ModelNotFoundException(request.Text, snapshot.Versions(request.Id));
    }

    private async Task StartCoreAsync()
    {
        await RescanAsync(CancellationToken.None).ConfigureAwait(false);
        StartWatching();
    }

    private void StartWatching()
    {
        if (_disposed)
        {
            return;
        }

        if (_watch && _packageDirectory is not null)
        {
            try
            {
                var watcher = new FileSystemWatcher(_packageDirectory)
                {
                    IncludeSubdirectories = _allowUnsigned,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                };
                watcher.Created += (_, _) => ScheduleRescan();
                watcher.Changed += (_, _) => ScheduleRescan();
                watcher.Deleted += (_, _) => ScheduleRescan();
                watcher.Renamed += (_, _) => ScheduleRescan();
                watcher.Error += (_, e) =>
                {
                    RegistryLog.WatcherFailed(_logger, _packageDirectory, e.GetException().GetType().Name);
                    ScheduleRescan();
                };
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
            {
                RegistryLog.WatcherFailed(_logger, _packageDirectory, ex.GetType().Name);
            }
        }

        if (_rescanInterval != Timeout.InfiniteTimeSpan)
        {
            _periodic = _time.CreateTimer(static state => ((ModelRegistry)state!).RescanInBackground(), this, _rescanInterval, _rescanInterval);
        }
    }

    /// <summary>Debounces bursts of file-system events (a copy raises several) into one rescan.</summary>
    private void ScheduleRescan()
    {
        if (_disposed)
        {
            return;
        }

        lock (_startLock)
        {
            _debounce ??= _time.CreateTimer(static state => ((ModelRegistry)state!).RescanInBackground(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _debounce.Change(DebounceDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private void RescanInBackground()
    {
        if (!_disposed)
        {
            LastBackgroundRescan = RescanSafelyAsync();
        }
    }

    private async Task RescanSafelyAsync()
    {
        try
        {
            await RescanAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while a timer fired.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            RegistryLog.RescanFailed(_logger, ex.GetType().Name, ex);
        }
    }

    private void StopWatching()
    {
        lock (_startLock)
        {
            _watcher?.Dispose();
            _watcher = null;
            _periodic?.Dispose();
            _periodic = null;
            _debounce?.Dispose();
            _debounce = null;
        }
    }

    private void ReleaseResources()
    {
        if (_ownsHttp)
        {
            _http?.Dispose();
        }

        if (_ownsCache)
        {
            PackageLoader.TryDelete(_cacheDirectory);
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private sealed class SourceState
    {
        public required string Fingerprint { get; set; }

        public required string Kind { get; init; }

        public RegistryEntry? Entry { get; set; }
    }
}
