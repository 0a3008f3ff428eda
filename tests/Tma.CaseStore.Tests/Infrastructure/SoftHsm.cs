using System.Diagnostics;

namespace Tma.CaseStore.Tests.Infrastructure;

/// <summary>The SoftHSM2 test token that <c>.ci/softhsm.sh</c> sets up (module, token label, PIN, two AES keys).</summary>
public sealed record SoftHsmToken(string Module, string TokenLabel, string Pin, string? PinFile, string KeyLabel, string SecondKeyLabel)
{
    /// <summary>Provider options for this token; the current key is <see cref="KeyLabel"/> unless named.</summary>
    public Pkcs11KeyProviderOptions Options(string? keyLabel = null) =>
        new() { ModulePath = Module, TokenLabel = TokenLabel, Pin = Pin, KeyLabel = keyLabel ?? KeyLabel };

    /// <summary>Deletes a key the test created (best effort, with OpenSC's pkcs11-tool, which .ci/softhsm.sh installs).</summary>
    public void DeleteKey(string label)
    {
        try
        {
            using var tool = Process.Start(new ProcessStartInfo("pkcs11-tool", ["--module", Module, "--token-label", TokenLabel, "--login", "--pin", Pin, "--delete-object", "--type", "secrkey", "--label", label])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            tool?.WaitForExit(30_000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pkcs11-tool: the key stays on the test token.
        }
    }
}

public static class SoftHsm
{
    public const string ModuleVariable = "TMA_TEST_PKCS11_MODULE";

    /// <summary>
    /// The test token, or a skip with the reason when it is not configured. Under CI=true a missing token is a
    /// failure, never a skip.
    /// </summary>
    public static SoftHsmToken Token()
    {
        var module = Environment.GetEnvironmentVariable(ModuleVariable);
        if (!string.IsNullOrWhiteSpace(module))
        {
            return new SoftHsmToken(
                module,
                Required("TMA_TEST_PKCS11_TOKEN"),
                Required("TMA_TEST_PKCS11_PIN"),
                Environment.GetEnvironmentVariable("TMA_TEST_PKCS11_PIN_FILE"),
                Required("TMA_TEST_PKCS11_KEY"),
                Required("TMA_TEST_PKCS11_KEY2"));
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"CI=true but {ModuleVariable} is not set: the PKCS#11 key-provider tests must run in CI. Run `eval \"$(bash .ci/softhsm.sh)\"` first.");
        }

        Skip.If(true, $"PKCS#11 tests skipped: {ModuleVariable} is not set. Run `eval \"$(bash .ci/softhsm.sh)\"` (as root) to run them locally.");
        throw new InvalidOperationException("unreachable");
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{ModuleVariable} is set but {variable} is not; run `eval \"$(bash .ci/softhsm.sh)\"`.");
}
