using System.Net.Http.Headers;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Tma.CaseStore;
using Tma.CaseStore.Tests.Infrastructure;
using Tma.Host;

namespace Tma.Cli.Tests.ScaleOut;

/// <summary>
/// What several hosts of one deployment share: a fresh PostgreSQL schema, the store's key file, the token key and a
/// models folder (a copy of one shipped package, so a new version can be dropped in). Everything is removed afterwards.
/// </summary>
internal sealed class SharedDeployment : IAsyncDisposable
{
    public const string Model = "warning-behaviours-triage";
    private readonly string _baseConnection;
    private readonly string _schema;
    private readonly List<ServeProcess> _hosts = [];

    private SharedDeployment(string baseConnection, string schema, string directory, ECDsaSecurityKey signingKey)
    {
        _baseConnection = baseConnection;
        _schema = schema;
        Directory = directory;
        SigningKey = signingKey;
    }

    public string Directory { get; }

    public string ModelsDirectory => Path.Combine(Directory, "models");

    public ECDsaSecurityKey SigningKey { get; }

    public IReadOnlyList<ServeProcess> Hosts => _hosts;

    /// <summary>Creates the schema, the key files and the models folder; skips without PostgreSQL (fails under CI=true).</summary>
    public static async Task<SharedDeployment> CreateAsync()
    {
        var baseConnection = Backends.PostgresConnectionString();
        var schema = "s_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(baseConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("tma-scale-").FullName;
        var tokenPem = TokenIssuer.NewSigningKeyPem();
        await File.WriteAllTextAsync(Path.Combine(directory, "token.pem"), tokenPem);
        await File.WriteAllTextAsync(Path.Combine(directory, "store.keys"), LocalKeyProvider.GenerateEntry("k1") + "\n");
        var deployment = new SharedDeployment(baseConnection, schema, directory, TokenIssuer.LoadKey(tokenPem));
        deployment.DropInPackage(Model, version: null);
        return deployment;
    }

    /// <summary>
    /// Starts <paramref name="count"/> hosts at once on the shared schema (the first start migrates it; the others
    /// wait on the migration lock). Each host's pool is capped, as docs/operations.md advises, so that the hosts
    /// together stay below the server's max_connections.
    /// </summary>
    public async Task StartHostsAsync(int count, int rescanSeconds)
    {
        var connection = new NpgsqlConnectionStringBuilder(_baseConnection) { SearchPath = _schema, MaxPoolSize = 10 }.ConnectionString;
        string[] arguments =
        [
            "--postgres", connection,
            "--models", ModelsDirectory,
            "--keys", Path.Combine(Directory, "store.keys"),
            "--token-key", Path.Combine(Directory, "token.pem"),
            "--allow-unsigned", "--development",
            "--rate-limit", "1000000",
        ];
        var environment = new Dictionary<string, string>
        {
            ["Tma__ModelRescanSeconds"] = rescanSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Warnings and errors only: three hosts logging every request would cost the cores the test needs.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var started = Enumerable.Range(_hosts.Count + 1, count).Select(i => ServeProcess.Start("host " + i, arguments, environment, Directory)).ToArray();
        _hosts.AddRange(started);
        await Task.WhenAll(started.Select(h => h.WaitUntilHealthyAsync()));
    }

    /// <summary>
    /// Drops a copy of a shipped package into the shared models folder, optionally as another version. The copy is
    /// made beside the folder and moved in with one rename, as a deployment should, so no host sees half a package.
    /// </summary>
    public void DropInPackage(string id, string? version)
    {
        var staging = Path.Combine(Directory, "staging-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(staging);
        var yaml = File.ReadAllText(Repository.Path("models", id, "model.yaml"));
        if (version is not null)
        {
            var current = yaml.Split('\n').Single(l => l.StartsWith("version: ", StringComparison.Ordinal));
            yaml = yaml.Replace(current, "version: " + version, StringComparison.Ordinal);
        }

        File.WriteAllText(Path.Combine(staging, "model.yaml"), yaml);
        File.Copy(Repository.Path("models", id, "MODEL_CARD.md"), Path.Combine(staging, "MODEL_CARD.md"));
        System.IO.Directory.CreateDirectory(ModelsDirectory);
        System.IO.Directory.Move(staging, Path.Combine(ModelsDirectory, version is null ? id : $"{id}-{version}"));
    }

    /// <summary>An HTTP client of one host, authenticated as <paramref name="caller"/> with a token of the shared key.</summary>
    public HttpClient Client(ServeProcess host, Caller caller)
    {
        var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", TokenIssuer.Issue(SigningKey, caller, DateTimeOffset.UtcNow.AddSeconds(-5), TimeSpan.FromMinutes(30)));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_baseConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind does not affect other tests.
        }
    }
}
