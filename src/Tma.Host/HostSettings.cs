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

    /// <summary>
    /// Which key provider wraps the store's data keys (<c>Tma:KeyProvider</c>): <c>pkcs11</c> (an HSM, see
    /// <see cref="Pkcs11"/>) or <c>local</c> (the default: a key file or <c>TMA_CASESTORE_KEYS</c>, development mode only).
    /// </summary>
    public string KeyProvider { get; init; } = "local";

    /// <summary>Local provider: key file of the store's key-encryption keys (<c>id:base64</c> lines); null reads <c>TMA_CASESTORE_KEYS</c>. Development only.</summary>
    public string? KeysFile { get; init; }

    /// <summary>PKCS#11 provider settings (<c>Tma:Pkcs11:*</c>), used when <see cref="KeyProvider"/> is <c>pkcs11</c>.</summary>
    public Pkcs11Settings Pkcs11 { get; init; } = new();

    /// <summary>
    /// During a rotation from one key provider to another: the provider the data keys are still wrapped with, used to
    /// unwrap only (<c>Tma:PreviousKeyProvider</c>: <c>local</c> or <c>pkcs11</c>); null (the default) for none.
    /// </summary>
    public string? PreviousKeyProvider { get; init; }

    /// <summary>Previous local provider: its key file (<c>Tma:PreviousKeys</c>); null reads <c>TMA_CASESTORE_KEYS</c>.</summary>
    public string? PreviousKeysFile { get; init; }

    /// <summary>Previous PKCS#11 provider (<c>Tma:PreviousPkcs11:*</c>, the same keys as <c>Tma:Pkcs11</c>).</summary>
    public Pkcs11Settings PreviousPkcs11 { get; init; } = new() { Section = "Tma:PreviousPkcs11" };

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
    /// Development mode (key <c>Tma:Development</c>): allows the local key provider (which refuses to start outside it)
    /// and <c>Tma:Pkcs11:CreateKey</c>; when no store key or token key is configured, a local key file (local provider
    /// only) and token key are created next to the store, announced in the log, and removed again if the start fails.
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

    /// <summary>
    /// Folder of the keys that protect the web UI's session cookies (ASP.NET Core data protection; key
    /// <c>Tma:DataProtectionKeys</c>). Several host instances behind one load balancer must share it (a shared volume),
    /// or a session started on one is refused by the others. Null (the default): a folder next to the SQLite store
    /// (<c>&lt;store&gt;.dataprotection</c>), or <c>tma-dataprotection</c> in the working folder with PostgreSQL.
    /// </summary>
    public string? DataProtectionKeys { get; init; }

    /// <summary>The folder of the data-protection keys: <see cref="DataProtectionKeys"/> or its default.</summary>
    public string EffectiveDataProtectionKeys => Path.GetFullPath(DataProtectionKeys
        ?? (Postgres is null ? StorePath + ".dataprotection" : "tma-dataprotection"));

    /// <summary>OpenID Connect sign-in of the web UI (<c>Tma:Oidc:*</c>); off unless an authority is given.</summary>
    public OidcSettings Oidc { get; init; } = new();

    /// <summary>The origin (<c>https://host[:port]</c>) of the OpenID Connect authority the web UI signs in with; null without one.</summary>
    public string? OidcAuthorityOrigin => Oidc.Authority is { } authority && Uri.TryCreate(authority, UriKind.Absolute, out var uri)
        ? uri.GetLeftPart(UriPartial.Authority)
        : null;

    /// <summary>The environment variable the local key provider reads when no key file is given.</summary>
    public const string LocalKeyEnvironment = "TMA_CASESTORE_KEYS";

    private List<string> KeyProblems()
    {
        var problems = new List<string>();
        switch (KeyProvider)
        {
            case KeyProviders.Pkcs11:
                problems.AddRange(Pkcs11.Problems(Development));
                break;
            case KeyProviders.Local when !Development:
                problems.Add(KeysFile is null && Environment.GetEnvironmentVariable(LocalKeyEnvironment) is null
                    ? "keys: configure the key provider: Tma:KeyProvider=pkcs11 with Tma:Pkcs11:Module, Tma:Pkcs11:TokenLabel, Tma:Pkcs11:Pin (or PinFile) and Tma:Pkcs11:KeyLabel (docs/operations.md); local key files (--keys, Tma:Keys, TMA_CASESTORE_KEYS) are for development only, and --development (Tma:Development) creates one next to the store"
                    : $"keys: the local key provider (--keys, Tma:Keys, {LocalKeyEnvironment}) is for development only and refuses to start outside development mode (Tma:Development); production uses Tma:KeyProvider=pkcs11 (docs/operations.md), and Tma:PreviousKeyProvider=local with Tma:PreviousKeys moves existing keys into it");
                break;
            case KeyProviders.Local:
                problems.AddRange(LocalProblems(KeysFile, "Tma:Keys"));
                break;
            case KeyProviders.Application:
                // Checked when the host opens it: the application registers it in code, not in configuration.
                break;
            default:
                problems.Add($"keys: Tma:KeyProvider: `{KeyProvider}` is not a key provider (local, pkcs11, application)");
                break;
        }

        // Settings of a provider that is not in use are a forgotten step, not something to ignore silently.
        if (KeyProvider != KeyProviders.Local && KeysFile is not null && PreviousKeyProvider != KeyProviders.Local)
        {
            problems.Add($"keys: Tma:Keys (`{KeysFile}`) is set but Tma:KeyProvider is {KeyProvider}: to move the keys of that file into it, give it as Tma:PreviousKeys with Tma:PreviousKeyProvider=local (docs/operations.md); otherwise remove it");
        }

        if (KeyProvider == KeyProviders.Local && !string.IsNullOrWhiteSpace(Pkcs11.Module))
        {
            problems.Add("keys: Tma:Pkcs11:Module is set but Tma:KeyProvider is local (the default): set Tma:KeyProvider=pkcs11 to use the HSM");
        }

        switch (PreviousKeyProvider)
        {
            case null:
                break;
            case KeyProviders.Local when KeyProvider == KeyProviders.Local:
                problems.Add("keys: Tma:PreviousKeyProvider: from one local key to the next, append the new key to the key file instead (its last entry is current)");
                break;
            case KeyProviders.Local:
                problems.AddRange(LocalProblems(PreviousKeysFile, "Tma:PreviousKeys"));
                break;
            case KeyProviders.Pkcs11:
                problems.AddRange(PreviousPkcs11.Problems(development: false));
                break;
            default:
                problems.Add($"keys: Tma:PreviousKeyProvider: `{PreviousKeyProvider}` is not a key provider (local, pkcs11)");
                break;
        }

        return problems;
    }

    private static List<string> LocalProblems(string? file, string setting)
    {
        var problems = new List<string>();
        if (file is not null && !File.Exists(file))
        {
            problems.Add($"keys: {setting}: file `{file}` does not exist");
        }

        if (file is null && Environment.GetEnvironmentVariable(LocalKeyEnvironment) is null)
        {
            problems.Add($"keys: give the local key file ({setting}) or {LocalKeyEnvironment}");
        }

        return problems;
    }

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

        problems.AddRange(KeyProblems());

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
        problems.AddRange(Oidc.Problems(Development));
        return problems;
    }
}

/// <summary>
/// OpenID Connect sign-in of the web UI (authorization code flow with PKCE; keys <c>Tma:Oidc:*</c>). The identity
/// provider's id_token claims are mapped by <c>Tma:Claims</c> exactly like a bearer token's; the session keeps only
/// the user, tenant and role, never the provider's tokens.
/// </summary>
public sealed record OidcSettings
{
    /// <summary>The identity provider (issuer URL, <c>Tma:Oidc:Authority</c>); null (the default) turns OpenID Connect sign-in off.</summary>
    public string? Authority { get; init; }

    /// <summary>The host's client id at the identity provider (<c>Tma:Oidc:ClientId</c>); required with an authority.</summary>
    public string? ClientId { get; init; }

    /// <summary>The client secret (<c>Tma:Oidc:ClientSecret</c>); prefer <see cref="ClientSecretFile"/>. Null for a public client (PKCE only).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>A file holding the client secret (<c>Tma:Oidc:ClientSecretFile</c>), e.g. a mounted container secret.</summary>
    public string? ClientSecretFile { get; init; }

    /// <summary>The scopes asked for (<c>Tma:Oidc:Scopes</c>, space-separated; default <c>openid profile</c>).</summary>
    public string Scopes { get; init; } = "openid profile";

    /// <summary>Whether OpenID Connect sign-in is configured.</summary>
    public bool Enabled => Authority is not null;

    /// <summary>The client secret from <see cref="ClientSecret"/> or <see cref="ClientSecretFile"/>; null for none.</summary>
    public string? EffectiveClientSecret => ClientSecret ?? (ClientSecretFile is { } file && File.Exists(file) ? File.ReadAllText(file).Trim() : null);

    /// <summary>Every problem with these settings.</summary>
    public IReadOnlyList<string> Problems(bool development)
    {
        var problems = new List<string>();
        if (Authority is null)
        {
            if (ClientId is not null || ClientSecret is not null || ClientSecretFile is not null)
            {
                problems.Add("oidc: Tma:Oidc:ClientId or a client secret is set but Tma:Oidc:Authority is not: give the identity provider's issuer URL");
            }

            return problems;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(development && uri.Scheme == Uri.UriSchemeHttp)))
        {
            problems.Add(development
                ? "oidc: Tma:Oidc:Authority must be an http:// or https:// URL"
                : "oidc: Tma:Oidc:Authority must be an https:// URL (plain http only in development mode)");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add("oidc: Tma:Oidc:ClientId is required with Tma:Oidc:Authority (the client id the identity provider gave the host)");
        }

        if (ClientSecret is not null && ClientSecretFile is not null)
        {
            problems.Add("oidc: give either Tma:Oidc:ClientSecret or Tma:Oidc:ClientSecretFile, not both");
        }

        if (ClientSecretFile is not null && !File.Exists(ClientSecretFile))
        {
            problems.Add($"oidc: Tma:Oidc:ClientSecretFile: file `{ClientSecretFile}` does not exist");
        }

        if (!Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
        {
            problems.Add("oidc: Tma:Oidc:Scopes must include `openid`");
        }

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
