using System.Diagnostics;
using System.Text;
using Npgsql;
using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

public sealed class PlaintextAtRestTests
{
    /// <summary>Distinctive values for every field that describes a person.</summary>
    private static readonly string[] Secrets =
    [
        "SUBJ-Zebulon-Quist", "INPUT-zz-fixation", "VALUE-zz-present", "SOURCE-zz-hr-email",
        "LEVEL-zz-urgent", "INPUTS-zz-json", "RESULT-zz-json", "FINAL-zz-urgent", "RATIONALE-zz-weapons",
        "DOCNAME-zz-report.pdf", "DOCTYPE-zz/pdf", "DOCBODY-zz-threatening-letter", "JUDGEMENT-zz-formulation",
        "PERSON-zz-witness-ref", "PERSONNOTE-zz-saw-the-knife", "REVIEW-zz-after-court-date", "CONFIRM-zz-agreed-in-conference",
        "REMOVED-zz-wrong-person",
        "TASKTITLE-zz-call-wife", "TASKDESC-zz-divorce", "COMPLETION-zz-she-said", "CANCEL-zz-moved-away", "NOTE-zz-gun-club",
        "ACTION-zz-refer-psychiatry", "STEP-zz-psychiatric-referral",
    ];

    private static async Task WriteSecretsAsync(World world)
    {
        var store = world.Store;
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var created = await store.CreateCaseAsync(world.Manager, new NewCase(Secrets[0], CaseCategory.Violence, at.AddYears(3)));
        await store.AddObservationAsync(world.Manager, created.Id, new NewObservation(Secrets[1], Secrets[2], at, Secrets[3]));
        var assessment = await store.AddAssessmentAsync(world.Manager, created.Id, new NewAssessment(
            "tma.model", "1.0.0", "sha256:1", Secrets[4], 31.25, false, "{\"x\":\"" + Secrets[5] + "\"}", "{\"y\":\"" + Secrets[6] + "\"}", at));
        var version = (await store.GetCaseAsync(world.Manager, created.Id)).Version;
        await store.RecordDecisionAsync(world.Manager, created.Id, new NewDecision(assessment.Id, Secrets[7], Secrets[8], ModelAgreement.Overrode) { Judgement = new Dictionary<string, string> { ["priority"] = "high", ["formulation"] = Secrets[12] } }, version);
        await store.AddDocumentAsync(world.Manager, created.Id, new NewDocument(Secrets[9], Secrets[10], Encoding.UTF8.GetBytes(Secrets[11])));
        // Issue 15: persons (reference and note), the review's reason, a second case manager's comment; a removed person's reference is erased.
        version = (await store.GetCaseAsync(world.Manager, created.Id)).Version;
        await store.AddPersonAsync(world.Manager, created.Id, new NewCasePerson(PersonRole.Witness, Secrets[13], Secrets[14]), version++);
        var removed = await store.AddPersonAsync(world.Manager, created.Id, new NewCasePerson(PersonRole.Other, Secrets[17]), version++);
        await store.RemovePersonAsync(world.Manager, created.Id, removed.Id, version++);
        await store.SetReviewAsync(world.Manager, created.Id, at.AddMonths(3), Secrets[15], version++);
        var overridden = (await store.GetDecisionsAsync(world.Manager, created.Id)).Single();
        await store.AddMemberAsync(world.Manager, created.Id, "manager-2", CaseMemberRole.CaseManager, version++);
        await store.ConfirmDecisionAsync(new Caller("manager-2", world.Tenant, CallerRole.CaseManager), created.Id, overridden.Id, Secrets[16], version);
        await store.GetPersonsAsync(world.Manager, created.Id);
        await store.AddMemberAsync(world.Manager, created.Id, world.Expert.UserId, CaseMemberRole.Psychologist, (await store.GetCaseAsync(world.Manager, created.Id)).Version);
        var task = await store.AddTaskAsync(world.Manager, created.Id, new NewCaseTask(Secrets[18], world.Expert.UserId, at.AddDays(7), Secrets[19]));
        var started = await store.UpdateTaskAsync(world.Expert, created.Id, task.Id, new CaseTaskChange { Status = CaseTaskStatus.InProgress }, task.Version);
        await store.UpdateTaskAsync(world.Expert, created.Id, task.Id, new CaseTaskChange { Status = CaseTaskStatus.Done, CompletionNote = Secrets[20] }, started.Version);
        var dropped = await store.AddTaskAsync(world.Manager, created.Id, new NewCaseTask("t", world.Expert.UserId, at.AddDays(7)));
        await store.UpdateTaskAsync(world.Manager, created.Id, dropped.Id, new CaseTaskChange { Status = CaseTaskStatus.Cancelled, CancellationReason = Secrets[21] }, dropped.Version);
        await store.AddNoteAsync(world.Expert, created.Id, new NewCaseNote(Secrets[22]));
        var withActions = await store.AddAssessmentAsync(world.Manager, created.Id, new NewAssessment(
            "tma.model", "1.0.0", "sha256:1", "l", null, false, "{}", "{\"actions\":[{\"id\":\"" + Secrets[23] + "\",\"step\":\"" + Secrets[24] + "\"}]}", at));
        await store.AddTaskAsync(world.Manager, created.Id, new NewCaseTask(null, world.Expert.UserId, at.AddDays(7), FromAssessment: new RecommendedActionLink(withActions.Id, Secrets[23])));
        await store.GetTasksAsync(world.Manager, created.Id);
        await store.ListOwnTasksAsync(world.Expert);
        await store.GetNotesAsync(world.Manager, created.Id);
        // Read everything back once, so that reads leave nothing behind either.
        await store.GetObservationsAsync(world.Manager, created.Id);
        await store.GetAssessmentsAsync(world.Manager, created.Id);
        await store.GetDecisionsAsync(world.Manager, created.Id);
    }

    private static IEnumerable<(string Secret, string Encoding)> Find(byte[] haystack, string text)
    {
        foreach (var secret in Secrets)
        {
            if (haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0)
            {
                yield return (secret, "utf-8");
            }

            if (haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0)
            {
                yield return (secret, "utf-16");
            }

            if (text.Contains(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)), StringComparison.Ordinal))
            {
                yield return (secret, "hex");
            }
        }
    }

    [Fact]
    public async Task The_sqlite_files_hold_no_plaintext_of_what_was_written()
    {
        await using var harness = await StoreHarness.CreateAsync(Backend.Sqlite);
        var store = await harness.OpenAsync();
        await WriteSecretsAsync(await World.CreateAsync(store));
        await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(harness.SqlitePath));
        }

        var files = Directory.GetFiles(Path.GetDirectoryName(harness.SqlitePath)!);
        var all = files.SelectMany(File.ReadAllBytes).ToArray();
        Assert.Contains(files, f => f.EndsWith("cases.db", StringComparison.Ordinal));
        // Positive control: what is stored in clear (the category, the package id) is found by the same search.
        Assert.True(all.AsSpan().IndexOf("Violence"u8) >= 0 && all.AsSpan().IndexOf("tma.model"u8) >= 0, "the control values were not found: the grep is broken");
        var found = Find(all, Encoding.Latin1.GetString(all)).ToList();
        Assert.True(found.Count == 0, "plaintext found: " + string.Join(", ", found));
    }

    [SkippableFact]
    public async Task A_postgresql_dump_holds_no_plaintext_of_what_was_written()
    {
        await using var harness = await StoreHarness.CreateAsync(Backend.Postgres);
        var pgDump = FindPgDump();
        Skip.If(pgDump is null, "pg_dump is not installed (it comes with postgresql-client; .ci/postgres.sh installs it)");
        var store = await harness.OpenAsync();
        await WriteSecretsAsync(await World.CreateAsync(store));

        var connection = new NpgsqlConnectionStringBuilder(harness.Target);
        var start = new ProcessStartInfo(pgDump!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--no-owner", "--schema", harness.Schema!, "--host", connection.Host!, "--port", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", connection.Username!, connection.Database! })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var dump = await stdout;
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + await stderr);

        Assert.Contains("audit_log", dump, StringComparison.Ordinal);
        Assert.Contains("Violence", dump, StringComparison.Ordinal); // positive control
        var found = Find(Encoding.UTF8.GetBytes(dump), dump).ToList();
        Assert.True(found.Count == 0, "plaintext found in pg_dump: " + string.Join(", ", found));
    }

    private static string? FindPgDump()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "pg_dump"))
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_dump")) : []);
        return candidates.FirstOrDefault(File.Exists);
    }
}
