using System.Diagnostics;
using System.Globalization;
using Tma.CaseStore.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tma.CaseStore.Tests;

public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Rounds = 5;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Every_acknowledged_write_survives_SIGKILL_and_the_audit_chain_verifies(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        Guid caseId;
        string tenant;
        await using (var setup = await CaseStore.OpenAsync(harness.Options()))
        {
            var world = await World.CreateAsync(setup);
            tenant = world.Tenant;
            caseId = (await setup.CreateCaseAsync(world.Manager, new NewCase("crash subject", CaseCategory.Violence, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)))).Id;
        }

        var random = new Random(20261126 + (int)backend);
        var acknowledged = new List<(string Kind, Guid Id)>();
        for (var round = 0; round < Rounds; round++)
        {
            // Kill after a random number of acknowledgements plus a random extra delay, so the kill lands at random
            // points: between writes, mid-transaction, mid-fsync, mid-acknowledgement.
            var killAfterAcks = random.Next(1, 40);
            var extraDelay = TimeSpan.FromMilliseconds(random.Next(0, 25));
            var acks = await RunAndKillAsync(backend, harness.Target, tenant, caseId, round, killAfterAcks, extraDelay);
            output.WriteLine($"round {round}: killed after {acks.Count} acknowledgements (target {killAfterAcks} + {extraDelay.TotalMilliseconds} ms)");
            Assert.True(acks.Count >= killAfterAcks, "the child died before it was killed");
            acknowledged.AddRange(acks);

            // Restart: everything acknowledged so far is there, and the chain verifies.
            await using var reopened = await CaseStore.OpenAsync(harness.Options());
            var world = new World(reopened, tenant);
            var observations = (await reopened.GetObservationsAsync(world.Manager, caseId, includeSuperseded: true)).Select(o => o.Id).ToHashSet();
            var assessments = (await reopened.GetAssessmentsAsync(world.Manager, caseId)).Select(a => a.Id).ToHashSet();
            foreach (var (kind, id) in acknowledged)
            {
                Assert.True(kind == "obs" ? observations.Contains(id) : assessments.Contains(id), $"acknowledged {kind} {id} is missing after round {round}");
            }

            var verification = await reopened.VerifyAuditChainAsync(world.Auditor);
            Assert.True(verification.IsValid, verification.Problem);
            var trail = await reopened.GetAuditTrailAsync(world.Auditor, 0, 10_000);
            Assert.Equal(acknowledged.Count, trail.Count(e => e.ActorId == "crash-writer" && e.Outcome == AuditOutcome.Allowed && e.RecordId is { } r && acknowledged.Any(a => a.Id == r)));
        }

        Assert.True(acknowledged.Count >= Rounds);
    }

    private static async Task<List<(string Kind, Guid Id)>> RunAndKillAsync(
        Backend backend, string target, string tenant, Guid caseId, int seed, int killAfterAcks, TimeSpan extraDelay)
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tma.CaseStore.CrashWriter.dll"));
        start.ArgumentList.Add(backend == Backend.Sqlite ? "sqlite" : "postgres");
        start.ArgumentList.Add(tenant);
        start.ArgumentList.Add(caseId.ToString("D"));
        start.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        start.Environment["TMA_CRASH_TARGET"] = target;
        start.Environment["TMA_CASESTORE_KEYS"] = TestKeys.Text("k1");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the crash writer");
        var acks = new List<(string Kind, Guid Id)>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = process.StandardError.ReadToEndAsync();
        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                if (parts is ["ACK", var kind, var id] && Guid.TryParse(id, out var guid))
                {
                    lock (acks)
                    {
                        acks.Add((kind, guid));
                        if (acks.Count >= killAfterAcks)
                        {
                            enough.TrySetResult();
                        }
                    }
                }
            }

            enough.TrySetResult(); // end of output: the child exited (or was killed)
        });

        try
        {
            await enough.Task.WaitAsync(StepTimeout);
            await Task.Delay(extraDelay);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(); // SIGKILL on Unix
            }

            await process.WaitForExitAsync().WaitAsync(StepTimeout);
        }

        await reader.WaitAsync(StepTimeout); // acknowledgements already in the pipe count too
        var errors = await stderr;
        Assert.True(errors.Length == 0, "crash writer wrote to stderr: " + errors);
        lock (acks)
        {
            return [.. acks];
        }
    }
}
