using Tma.Research.Gate;

namespace Tma.Research.Tests.Gate;

/// <summary>A policy file that cannot be read, or is missing, is a located diagnostic, never an exception.</summary>
public sealed class GatePolicyFileTests
{
    [Fact]
    public void A_policy_file_that_exists_but_cannot_be_read_is_a_located_diagnostic_not_an_exception()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc/self/mem exists and fails every read (EIO), even for root; elsewhere there is no such file
        }

        var policy = GatePolicy.Load("/proc/self/mem");

        Assert.Null(policy.Value);
        var diagnostic = Assert.Single(policy.Diagnostics);
        // The code every YAML file of the engine uses for an unreadable file (model, case, policy, training spec).
        Assert.Equal(Tma.Models.Diagnostics.DiagnosticCodes.FileUnreadable, diagnostic.Code);
        Assert.StartsWith("/proc/self/mem: error TMA0007: the file cannot be read", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_policy_file_keeps_its_own_code()
    {
        var policy = GatePolicy.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "gate.yaml"));

        Assert.Equal("TMA0001", Assert.Single(policy.Diagnostics).Code);
    }
}
