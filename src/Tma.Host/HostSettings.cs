namespace Tma.Host;

/// <summary>
/// Everything the host needs to start. Validated once at start-up: every problem is reported together.
/// </summary>
public sealed record HostSettings
{
    /// <summary>SQLite file of the embedded store (default <c>tma.db</c>); ignored when <see cref="Postgres"/> is set.</summary>
    public string StorePath { get; init; } = "tma.db";

    /// <summary>PostgreSQL connection string for production; null for the embedded SQLite store.</summary>
    public string? Postgres { get; init; }

    /// <summary>Key file of the store's key-encryption keys (<c>id:base64</c> lines); null reads <c>TMA_CASESTORE_KEYS</c>.</summary>
    public string? KeysFile { get; init; }

    /// <summary>Folder of model packages: signed archives (<c>*.tmapkg</c> + <c>.sig</c>) and, in development mode, package folders.</summary>
    public string ModelsDirectory { get; init; } = "models";

    /// <summary>
    /// Seconds between full rescans of <see cref="ModelsDirectory"/> (key <c>Tma:ModelRescanSeconds</c>; default 60).
    /// File-system events pick up a new package at once on a local disk; on a volume shared by several hosts (NFS, SMB,
    /// a cloud file share) events from other machines do not arrive, and this interval bounds how long hosts can
    /// serve different package sets.
    /// </summary>
    public int ModelRescanSeconds { get; init; } = 60;

    /// <summary>PEM files of the public keys whose signatures the host trusts.</summary>
    public IReadOnlyList<string> TrustedKeyFiles { get; init; } = [];

    /// <summary>Development mode: accept unsigned archives and plain package folders. Never in production.</summary>
    public bool AllowUnsignedModels { get; init; }

    /// <summary>
    /// Development mode (key <c>Tma:Development</c>): when no store key or token key is configured, a local key file
    /// and token key are created next to the store, announced in the log, and removed again if the start fails.
    /// Outside development mode no key file is ever created.
    /// </summary>
    public bool Development { get; init; }

    /// <summary>
    /// Challengers named by the host: package id → model reference (<c>id@range</c>) scored alongside every assessment
    /// with that package and recorded as a challenger, never shown as the result. Empty by default.
    /// </summary>
    public IReadOnlyDictionary<string, string> Challengers { get; init; } = new Dictionary<string, string>();

    /// <summary>Token settings.</summary>
    public required TokenSettings Tokens { get; init; }

    /// <summary>Which claims name the user, tenant and role (<c>Tma:Claims:*</c>).</summary>
    public ClaimMapping Claims { get; init; } = new();

    /// <summary>Requests per caller per minute before 429 (default 600).</summary>
    public int RequestsPerMinute { get; init; } = 600;

    /// <summary>Largest accepted request body (default 10 MB; documents are the large ones).</summary>
    public long MaxRequestBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Origins allowed to call the API from a browser; empty (the default) means CORS is closed.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>The environment variable the local key provider reads when no key file is given.</summary>
    public const string LocalKeyEnvironment = "TMA_CASESTORE_KEYS";

    /// <summary>Every problem with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Postgres is null && string.IsNullOrWhiteSpace(StorePath))
        {
            problems.Add("store: give a SQLite path (--store) or a PostgreSQL connection (--postgres)");
        }

        if (!Directory.Exists(ModelsDirectory))
        {
            problems.Add($"models: folder `{ModelsDirectory}` does not exist");
        }

        if (ModelRescanSeconds < 1)
        {
            problems.Add("models: the rescan interval (Tma:ModelRescanSeconds) must be at least 1 second");
        }

        if (TrustedKeyFiles.Count == 0 && !AllowUnsignedModels)
        {
            problems.Add("models: no trusted signing key; give the release public key (--trusted-key) or allow unsigned packages for development (--allow-unsigned)");
        }

        foreach (var key in TrustedKeyFiles.Where(k => !File.Exists(k)))
        {
            problems.Add($"models: trusted key file `{key}` does not exist");
        }

        if (KeysFile is not null && !File.Exists(KeysFile))
        {
            problems.Add($"keys: file `{KeysFile}` does not exist");
        }

        if (KeysFile is null && Environment.GetEnvironmentVariable(LocalKeyEnvironment) is null)
        {
            problems.Add($"keys: give the store's key file (--keys, Tma:Keys) or {LocalKeyEnvironment}; for development, --development (Tma:Development) creates one next to the store");
        }

        foreach (var (id, reference) in Challengers)
        {
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(reference))
            {
                problems.Add("challengers: write each as `<package id>=<id@range>`");
            }
        }

        if (RequestsPerMinute < 1)
        {
            problems.Add("rate limit: at least 1 request per minute");
        }

        if (MaxRequestBytes < 1024)
        {
            problems.Add("request size limit: at least 1 KB");
        }

        foreach (var unknown in Claims.UnknownRoles)
        {
            problems.Add($"claims: Tma:Claims:Roles:{unknown}: `{unknown}` is not a TMA role (case_manager, expert, auditor, researcher, administrator)");
        }

        problems.AddRange(Tokens.Problems());
        return problems;
    }
}

/// <summary>How bearer tokens are validated: an OIDC authority in production, a local key in development and tests.</summary>
public sealed record TokenSettings
{
    /// <summary>OIDC authority (issuer URL) whose signing keys are fetched; null to use <see cref="SigningKeyFile"/>.</summary>
    public string? Authority { get; init; }

    /// <summary>PEM file with the ECDSA P-256 public (or private) key that signs local tokens (<c>tma token</c>).</summary>
    public string? SigningKeyFile { get; init; }

    /// <summary>
    /// Expected issuer. Null (the default) means: with an <see cref="Authority"/>, the issuer its discovery document
    /// names (what an identity provider puts in <c>iss</c>); with a local key, <c>tma-local</c>.
    /// </summary>
    public string? Issuer { get; init; }

    /// <summary>The issuer tokens are validated against: <see cref="Issuer"/>, or null to take the authority's.</summary>
    public string? EffectiveIssuer => Issuer ?? (Authority is null ? TokenIssuer.DefaultIssuer : null);

    /// <summary>Expected audience (default <c>tma-api</c>).</summary>
    public string Audience { get; init; } = TokenIssuer.DefaultAudience;

    /// <summary>Every problem with these settings.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Authority is null && SigningKeyFile is null)
        {
            problems.Add("tokens: give an OIDC authority (--authority, Tma:Authority) or a local signing key (--token-key, Tma:TokenKey; see `tma token`); for development, --development creates one");
        }

        if (Authority is not null && SigningKeyFile is not null)
        {
            problems.Add("tokens: give either an OIDC authority or a local signing key, not both");
        }

        if (SigningKeyFile is not null && !File.Exists(SigningKeyFile))
        {
            problems.Add($"tokens: key file `{SigningKeyFile}` does not exist");
        }

        if (Authority is not null && !Authority.StartsWith("https://", StringComparison.Ordinal))
        {
            problems.Add("tokens: the OIDC authority must be an https:// URL");
        }

        return problems;
    }
}
