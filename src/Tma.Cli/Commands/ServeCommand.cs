using System.CommandLine;
using Tma.CaseStore;
using Tma.Host;

namespace Tma.Cli.Commands;

/// <summary><c>tma serve</c>: the case store and the engine behind the authenticated HTTP API.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen. Loopback unless told otherwise; put TLS in front (docs/host-api.md).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var store = PathOptions.Output("--store", null, "SQLite file of the embedded store.", defaultPath: "tma.db");
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (production); replaces --store." };
        var models = PathOptions.Folder("--models", null, "Folder of model packages.", mustExist: true, defaultPath: "models");
        var keys = PathOptions.File("--keys", null, "Key file of the store's key-encryption keys; default: TMA_CASESTORE_KEYS, or a development key file next to the store.", mustExist: true);
        var tokenKey = PathOptions.File("--token-key", null, "PEM key that signs/validates local tokens (see `tma token`); default: a development key next to the store.", mustExist: true);
        var authority = new Option<string?>("--authority") { Description = "OIDC authority (https://…) for production tokens; replaces --token-key." };
        var trusted = PathOptions.Files("--trusted-key", null, "Public key (PEM, from `tma keygen`) whose package signatures are trusted; repeatable.", mustExist: true);
        var allowUnsigned = new Option<bool>("--allow-unsigned") { Description = "DEVELOPMENT ONLY: also load unsigned archives and plain package folders (e.g. the repository's models/)." };
        var challengers = new Option<string[]>("--challenger") { Description = "A challenger scored alongside every assessment of a package and recorded, never shown: <package id>=<id@range>; repeatable." };
        var rateLimit = new Option<int>("--rate-limit") { Description = "Requests per caller per minute before 429.", DefaultValueFactory = _ => 600 };
        var command = new Command("serve", """
            Start the HTTP host: the case store (SQLite by default, PostgreSQL with --postgres) and the models
            of --models behind an authenticated API. Models load through the registry: signed archives are
            verified against --trusted-key, new versions are picked up without a restart. GET /health and
            /ready need no token; everything else does.

            Example:
              tma serve --store cases.db --models models --allow-unsigned
              tma serve --postgres "Host=127.0.0.1;Database=tma;Username=tma" --models /srv/tma/packages --trusted-key release.public.pem --authority https://login.example.org/tenant
            """);
        foreach (var option in new Option[] { urls, store, postgres, models, trusted, allowUnsigned, challengers, keys, tokenKey, authority, rateLimit })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var storePath = parse.GetValue(store)!;
            var args = new List<string>
            {
                "--urls", parse.GetValue(urls)!,
                "--Tma:Models", parse.GetValue(models)!.Full,
                "--Tma:RequestsPerMinute", parse.GetValue(rateLimit).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (parse.GetValue(trusted) is { Length: > 0 } trustedKeys)
            {
                args.AddRange(["--Tma:TrustedKeys", string.Join(',', trustedKeys.Select(k => k.Full))]);
            }

            if (parse.GetValue(challengers) is { Length: > 0 } named)
            {
                args.AddRange(["--Tma:Challengers", string.Join(',', named)]);
            }

            if (parse.GetValue(allowUnsigned))
            {
                args.AddRange(["--Tma:AllowUnsignedModels", "true"]);
                error.WriteLine("tma serve: DEVELOPMENT mode: unsigned model packages are accepted.");
            }

            if (parse.GetValue(postgres) is { } pg)
            {
                args.AddRange(["--Tma:Postgres", pg]);
            }
            else
            {
                args.AddRange(["--Tma:Store", storePath.Full]);
            }

            var keyFile = parse.GetValue(keys);
            if (keyFile is null && Environment.GetEnvironmentVariable("TMA_CASESTORE_KEYS") is null)
            {
                keyFile = storePath.WithSuffix(".keys");
                if (!File.Exists(keyFile.Full))
                {
                    WritePrivate(keyFile.Full, LocalKeyProvider.GenerateEntry("dev-1") + "\n");
                    error.WriteLine($"tma serve: created a DEVELOPMENT key file {keyFile}; production uses a key provider backed by a KMS (docs/case-store.md).");
                }
            }

            if (keyFile is not null)
            {
                args.AddRange(["--Tma:Keys", keyFile.Full]);
            }

            if (parse.GetValue(authority) is { } oidc)
            {
                args.AddRange(["--Tma:Authority", oidc]);
            }
            else
            {
                var tokenFile = parse.GetValue(tokenKey) ?? storePath.WithSuffix(".token.pem");
                if (!File.Exists(tokenFile.Full) && parse.GetValue(tokenKey) is null)
                {
                    WritePrivate(tokenFile.Full, TokenIssuer.NewSigningKeyPem());
                    error.WriteLine($"tma serve: created a DEVELOPMENT token key {tokenFile}; issue tokens with `tma token --key {tokenFile} …`.");
                }

                args.AddRange(["--Tma:TokenKey", tokenFile.Full]);
            }

            try
            {
                var app = TmaHostApp.Create([.. args]);
                output.WriteLine($"tma serve: listening on {parse.GetValue(urls)} (Ctrl+C to stop)");
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

    // Key material is readable by the owner only.
    private static void WritePrivate(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
