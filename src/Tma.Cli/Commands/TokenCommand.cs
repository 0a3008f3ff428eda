using System.CommandLine;
using Tma.CaseStore;
using Tma.Host;

namespace Tma.Cli.Commands;

/// <summary><c>tma token</c>: development and test bearer tokens for <c>tma serve</c>.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        // Read, or with --new-key written: whether it must exist depends on --new-key, so the action checks that.
        var key = PathOptions.File("--key", "-k", "PEM signing key (the one `tma serve` uses; created with --new-key).", mustExist: false, required: true);
        var newKey = new Option<bool>("--new-key") { Description = "Create a new ECDSA P-256 key in --key and exit." };
        var user = new Option<string?>("--user", "-u") { Description = "User id (pseudonymous)." };
        var tenant = new Option<string?>("--tenant", "-t") { Description = "Tenant id." };
        var role = new Option<string?>("--role", "-r") { Description = "Role: case_manager, expert, auditor, researcher or administrator." };
        var minutes = new Option<int>("--minutes") { Description = "Lifetime in minutes.", DefaultValueFactory = _ => 60 };
        var command = new Command("token", """
            Issue a development bearer token for `tma serve` (ES256 JWT with sub, tid and role claims).
            Production deployments use an OIDC authority instead (tma serve --authority).

            Example:
              tma token --key tma.db.token.pem --user cm-1 --tenant acme --role case_manager
              tma token --key dev.pem --new-key
            """);
        foreach (var option in new Option[] { key, newKey, user, tenant, role, minutes })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var keyFile = parse.GetValue(key)!;
            if (parse.GetValue(newKey))
            {
                if (File.Exists(keyFile.Full))
                {
                    error.WriteLine($"tma token: {keyFile.Given} exists; refusing to overwrite a key.");
                    return ExitCodes.BadInput;
                }

                File.WriteAllText(keyFile.Full, TokenIssuer.NewSigningKeyPem());
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(keyFile.Full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                output.WriteLine($"created {keyFile.Given}");
                return ExitCodes.Ok;
            }

            var problems = new List<string>();
            if (!File.Exists(keyFile.Full))
            {
                problems.Add($"--key: file not found: {keyFile.Given} (create one with --new-key)");
            }

            if (string.IsNullOrWhiteSpace(parse.GetValue(user)))
            {
                problems.Add("--user: required");
            }

            if (!Caller.IsValidTenantId(parse.GetValue(tenant)))
            {
                problems.Add("--tenant: 1-64 letters, digits, '.', '_' or '-'");
            }

            if (!TokenIssuer.TryParseRole(parse.GetValue(role), out var callerRole))
            {
                problems.Add($"--role: one of {string.Join(", ", TokenIssuer.RoleNames)}");
            }

            if (parse.GetValue(minutes) is < 1 or > 24 * 60)
            {
                problems.Add("--minutes: 1 to 1440");
            }

            if (problems.Count > 0)
            {
                problems.ForEach(p => error.WriteLine("tma token: " + p));
                return ExitCodes.BadInput;
            }

            var signing = TokenIssuer.LoadKey(File.ReadAllText(keyFile.Full));
            output.WriteLine(TokenIssuer.Issue(signing, new Caller(parse.GetValue(user)!, parse.GetValue(tenant)!, callerRole), TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(parse.GetValue(minutes))));
            return ExitCodes.Ok;
        });
        return command;
    }
}
