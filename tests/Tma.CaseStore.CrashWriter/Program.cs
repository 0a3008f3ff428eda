// Crash-test child: appends observations and assessments to one case, alternating, until it is killed.
// After each committed write it prints "ACK obs <id>" or "ACK asm <id>" (the write is durable once printed).
// Usage: Tma.CaseStore.CrashWriter <sqlite|postgres> <tenant> <case-id> <seed>
// The SQLite path or PostgreSQL connection string comes from the environment variable TMA_CRASH_TARGET (so that no
// password shows in the process list), the keys from TMA_CASESTORE_KEYS (LocalKeyProvider format).
using System.Globalization;
using Tma.CaseStore;

var target = Environment.GetEnvironmentVariable("TMA_CRASH_TARGET");
if (args.Length != 4 || string.IsNullOrEmpty(target))
{
    Console.Error.WriteLine("usage: TMA_CRASH_TARGET=<path-or-connection-string> Tma.CaseStore.CrashWriter <sqlite|postgres> <tenant> <case-id> <seed>");
    return 2;
}

var keys = LocalKeyProvider.FromEnvironment();
var options = args[0] == "sqlite" ? CaseStoreOptions.ForSqlite(target, keys) : CaseStoreOptions.ForPostgreSql(target, keys);
var caller = new Caller("crash-writer", args[1], CallerRole.CaseManager);
var caseId = Guid.Parse(args[2]);
var random = new Random(int.Parse(args[3], CultureInfo.InvariantCulture));
var stdout = Console.Out;

await using var store = await CaseStore.OpenAsync(options);
stdout.WriteLine("READY");
stdout.Flush();
for (var i = 0; ; i++)
{
    if (i % 2 == 0)
    {
        var observation = await store.AddObservationAsync(caller, caseId, new NewObservation(
            "item" + random.Next(5).ToString(CultureInfo.InvariantCulture),
            random.Next(4).ToString(CultureInfo.InvariantCulture),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
            "crash test"));
        stdout.WriteLine("ACK obs " + observation.Id.ToString("D"));
    }
    else
    {
        var score = random.NextDouble();
        var assessment = await store.AddAssessmentAsync(caller, caseId, new NewAssessment(
            "crash.model", "1.0.0", "sha256:00", score > 0.5 ? "manage" : "monitor", score, false,
            "{\"i\":" + i.ToString(CultureInfo.InvariantCulture) + "}", "{\"score\":" + score.ToString("R", CultureInfo.InvariantCulture) + "}",
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i)));
        stdout.WriteLine("ACK asm " + assessment.Id.ToString("D"));
    }

    stdout.Flush();
}
