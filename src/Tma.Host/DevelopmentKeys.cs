using Tma.CaseStore;

namespace Tma.Host;

/// <summary>
/// The key files of development mode: created only when <see cref="HostSettings.Development"/> is set and nothing is
/// configured (the store key file only for the local key provider), next to the store (or in the working folder for PostgreSQL), readable by the owner only, announced in
/// the log, and removed again when the start fails so that a failed start leaves nothing behind.
/// </summary>
internal sealed class DevelopmentKeys
{
    private readonly List<string> _created = [];

    /// <summary>The settings with development key files filled in where development mode allows it.</summary>
    public HostSettings Complete(HostSettings settings, ILogger logger)
    {
        if (!settings.Development)
        {
            return settings;
        }

        var stem = settings.Postgres is null ? Path.GetFullPath(settings.StorePath) : Path.GetFullPath("tma-development");
        if (settings.KeyProvider == KeyProviders.Local && settings.KeysFile is null && Environment.GetEnvironmentVariable(HostSettings.LocalKeyEnvironment) is null)
        {
            settings = settings with { KeysFile = Ensure(stem + ".keys", () => LocalKeyProvider.GenerateEntry("dev-1") + "\n", "store key file", logger) };
        }

        if (settings.Tokens.Authority is null && settings.Tokens.SigningKeyFile is null)
        {
            var token = Ensure(stem + ".token.pem", TokenIssuer.NewSigningKeyPem, "token key", logger);
            settings = settings with { Tokens = settings.Tokens with { SigningKeyFile = token } };
            logger.LogWarning("DEVELOPMENT mode: issue tokens with `tma token --key {TokenKey} …`", token);
        }

        return settings;
    }

    /// <summary>Removes the files this start created (the start failed).</summary>
    public void RemoveCreated()
    {
        foreach (var file in _created)
        {
            File.Delete(file);
        }

        _created.Clear();
    }

    private string Ensure(string path, Func<string> content, string what, ILogger logger)
    {
        if (File.Exists(path))
        {
            logger.LogWarning("DEVELOPMENT mode: using the {What} {Path}", what, path);
            return path;
        }

        File.WriteAllText(path, content());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _created.Add(path);
        logger.LogWarning("DEVELOPMENT mode: created the {What} {Path}; production uses a key provider backed by a KMS or HSM (docs/case-store.md)", what, path);
        return path;
    }
}
