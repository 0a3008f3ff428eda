using System.CommandLine;
using Tma.Host;

namespace Tma.Cli.Commands;

/// <summary><c>tma serve</c>: the case store and the engine behind the authenticated HTTP API.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        // No option has a default here: what is not given comes from appsettings.json, `Tma__*` environment variables
        // or the host's own defaults (docs/host-api.md lists every key), as in any ASP.NET Core application.
        var urls = new Option<string?>("--urls") { Description = "Where to listen (key Urls; default http://127.0.0.1:5080). Loopback unless told otherwise; put TLS in front (docs/host-api.md)." };
        var store = PathOptions.Output("--store", null, "SQLite file of the embedded store (key Tma:Store; default tma.db).");
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (production; key Tma:Postgres); replaces --store." };
        var models = PathOptions.Folder("--models", null, "Folder of model packages (key Tma:Models; default models).", mustExist: true);
        var keys = PathOptions.File("--keys", null, "DEVELOPMENT ONLY (with --development): key file of the local key provider (key Tma:Keys; default: TMA_CASESTORE_KEYS). Production keeps its keys in an HSM: Tma:KeyProvider=pkcs11 and Tma:Pkcs11:* (docs/operations.md).", mustExist: true);
        var tokenKey = PathOptions.File("--token-key", null, "PEM key that signs/validates local tokens (key Tma:TokenKey; see `tma token`).", mustExist: true);
        var authority = new Option<string?>("--authority") { Description = "OIDC authority (https://…) for production tokens (key Tma:Authority); replaces --token-key." };
        var trusted = PathOptions.Files("--trusted-key", null, "Public key (PEM, from `tma keygen`) whose package signatures are trusted (key Tma:TrustedKeys); repeatable.", mustExist: true);
        var allowUnsigned = new Option<bool>("--allow-unsigned") { Description = "DEVELOPMENT ONLY: also load unsigned archives and plain package folders (key Tma:AllowUnsignedModels)." };
        var development = new Option<bool>("--development") { Description = "DEVELOPMENT ONLY: allow the local key provider (--keys), and create a local store key file and token key next to the store when none is configured (key Tma:Development)." };
        var challengers = new Option<string[]>("--challenger") { Description = "A challenger scored alongside every assessment of a package and recorded, never shown: <package id>=<id@range>; repeatable (key Tma:Challengers)." };
        var oidcAuthority = new Option<string?>("--oidc-authority") { Description = "Identity provider (https://…) of the web UI's sign-in, OpenID Connect code flow with PKCE (key Tma:Oidc:Authority); needs --oidc-client-id.", HelpName = "url" };
        var oidcClientId = new Option<string?>("--oidc-client-id") { Description = "The host's client id at that identity provider (key Tma:Oidc:ClientId).", HelpName = "id" };
        var oidcSecretFile = PathOptions.File("--oidc-client-secret-file", null, "File with the client secret, for a confidential client (key Tma:Oidc:ClientSecretFile).", mustExist: true);
        var dataProtectionKeys = PathOptions.Folder("--data-protection-keys", null, "Folder of the keys protecting the web UI's session cookies; shared by every instance (key Tma:DataProtectionKeys; default next to the store).", mustExist: false);
        oidcSecretFile.HelpName = "file";
        dataProtectionKeys.HelpName = "folder";
        var rateLimit = new Option<int?>("--rate-limit") { Description = "Requests per caller per minute before 429 (key Tma:RequestsPerMinute; default 600)." };
        var command = new Command("serve", """
            Start the HTTP host: the case store (SQLite by default, PostgreSQL with --postgres) and the models
            of --models behind an authenticated API. Models load through the registry: signed archives are
            verified against --trusted-key, new versions are picked up without a restart. GET /health and
            /ready need no token; everything else does.

            Example:
              tma serve --store cases.db --models models --allow-unsigned --development
              tma serve --postgres "Host=127.0.0.1;Database=tma;Username=tma" --models /srv/tma/packages --trusted-key release.public.pem --authority https://login.example.org/tenant
            """);
        foreach (var option in new Option[] { urls, store, postgres, models, trusted, allowUnsigned, development, challengers, keys, tokenKey, authority, oidcAuthority, oidcClientId, oidcSecretFile, dataProtectionKeys, rateLimit })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;

            var args = HostArguments(parse);
            try
            {
                var app = TmaHostApp.Create([.. args]);
                // The host logs where it listens itself (Microsoft.Hosting.Lifetime), in the configured log format.
                app.Run();
                return ExitCodes.Ok;
            }
            catch (HostSettingsException ex)
            {
                error.WriteLine(ex.Message);
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    /// <summary>
    /// The host's command line: one <c>--key=value</c> per flag that was given, nothing for the others, so that
    /// appsettings.json and <c>Tma__*</c> environment variables apply unless a flag overrides them.
    /// </summary>
    internal static IReadOnlyList<string> HostArguments(ParseResult parse)
    {
        var args = new List<string>();
        void Set(string key, string? value)
        {
            if (value is not null)
            {
                args.Add($"--{key}={value}");
            }
        }

        Set("Urls", parse.GetValue<string?>("--urls"));
        Set("Tma:Store", parse.GetValue<CommandLinePath?>("--store")?.Full);
        Set("Tma:Postgres", parse.GetValue<string?>("--postgres"));
        Set("Tma:Models", parse.GetValue<CommandLinePath?>("--models")?.Full);
        Set("Tma:Keys", parse.GetValue<CommandLinePath?>("--keys")?.Full);
        Set("Tma:TokenKey", parse.GetValue<CommandLinePath?>("--token-key")?.Full);
        Set("Tma:Authority", parse.GetValue<string?>("--authority"));
        Set("Tma:Oidc:Authority", parse.GetValue<string?>("--oidc-authority"));
        Set("Tma:Oidc:ClientId", parse.GetValue<string?>("--oidc-client-id"));
        Set("Tma:Oidc:ClientSecretFile", parse.GetValue<CommandLinePath?>("--oidc-client-secret-file")?.Full);
        Set("Tma:DataProtectionKeys", parse.GetValue<CommandLinePath?>("--data-protection-keys")?.Full);
        Set("Tma:RequestsPerMinute", parse.GetValue<int?>("--rate-limit")?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("Tma:TrustedKeys", parse.GetValue<CommandLinePath[]?>("--trusted-key") is { Length: > 0 } trusted ? string.Join(',', trusted.Select(k => k.Full)) : null);
        Set("Tma:Challengers", parse.GetValue<string[]?>("--challenger") is { Length: > 0 } named ? string.Join(',', named) : null);
        Set("Tma:AllowUnsignedModels", parse.GetValue<bool>("--allow-unsigned") ? "true" : null);
        Set("Tma:Development", parse.GetValue<bool>("--development") ? "true" : null);
        return args;
    }
}
