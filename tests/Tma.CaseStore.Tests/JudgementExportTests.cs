using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

/// <summary>The assessors' summary ratings leave the store pseudonymously, one row per case and rater, for inter-rater agreement.</summary>
public sealed class JudgementExportTests
{
    private static readonly string[] Fields = ["priority", "imminence", "formulation"];

    private static List<Dictionary<string, string>> ParseCsv(string csv)
    {
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',').Select((v, i) => (header[i], v)).ToDictionary(p => p.Item1, p => p.v)).ToList();
    }

    private static async Task DecideAsync(World world, Caller manager, Guid caseId, Guid assessmentId, Dictionary<string, string> judgement)
    {
        var version = (await world.Store.ListCasesAsync(world.Manager)).Single(c => c.Id == caseId).Version;
        await world.Store.RecordDecisionAsync(manager, caseId,
            new NewDecision(assessmentId, "manage", "RATIONALE-TEXT", ModelAgreement.Followed) { Judgement = judgement }, version);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Each_raters_latest_rating_of_the_model_is_one_pseudonymous_row_and_free_text_never_leaves(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var second = new Caller("manager-2", world.Tenant, CallerRole.CaseManager);
        var a = await world.FilledCaseAsync("EMP-1");
        var b = await world.FilledCaseAsync("EMP-2");
        var c = await world.FilledCaseAsync("EMP-3");
        var otherModel = await world.Store.AddAssessmentAsync(world.Manager, c.Id, World.Assessment() with { PackageId = "other-model" });

        await DecideAsync(world, world.Manager, a.Id, a.AssessmentId, new() { ["priority"] = "moderate", ["imminence"] = "low" });
        await DecideAsync(world, world.Manager, a.Id, a.AssessmentId, new() { ["priority"] = "high", ["imminence"] = "low", ["formulation"] = "Grievance after dismissal" });
        await DecideAsync(world, second, a.Id, a.AssessmentId, new() { ["priority"] = "high", ["imminence"] = "Within days" });
        await DecideAsync(world, second, b.Id, b.AssessmentId, new() { ["priority"] = "low" });
        await DecideAsync(world, second, c.Id, otherModel.Id, new() { ["priority"] = "imminent" });

        var output = new StringWriter();
        var report = await world.Store.ExportJudgementsAsync(world.Researcher,
            new JudgementExportOptions { PackageId = "tma.warning-behaviours", Fields = Fields }, output);
        var csv = output.ToString();

        Assert.Equal("case,rater,priority,imminence,formulation", csv.Split("\r\n")[0]);
        var rows = ParseCsv(csv);
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{32}$", r["case"]));
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{32}$", r["rater"]));
        // case a: manager-1's later rating replaces the earlier one; manager-2's free-text imminence is withheld.
        var byCase = rows.GroupBy(r => r["case"]).ToDictionary(g => g.Count(), g => g.Select(r => (r["priority"], r["imminence"], r["formulation"])).Order().ToArray());
        Assert.Equal([("high", "", ""), ("high", "low", "")], byCase[2]);
        Assert.Equal([("low", "", "")], byCase[1]);
        Assert.Equal((3, 2, 2, 3, 1, 2), (report.CasesConsidered, report.CasesRated, report.Raters, report.RowsWritten, report.EarlierDecisionsSkipped, report.ValuesWithheld));
        foreach (var secret in new[] { "EMP-", "Grievance", "Within days", "RATIONALE-TEXT", "manager-", "imminent", a.Id.ToString("D") })
        {
            Assert.DoesNotContain(secret, csv, StringComparison.Ordinal);
        }

        // The case pseudonyms are the anonymized export's for the same purpose, so the two files join on `case`.
        var anonymized = new StringWriter();
        await world.Store.ExportAnonymizedAsync(world.Researcher, new AnonymizedExportOptions { K = 2, QuasiIdentifiers = [] }, anonymized);
        Assert.Subset(ParseCsv(anonymized.ToString()).Select(r => r["case"]).ToHashSet(), rows.Select(r => r["case"]).ToHashSet());
        var audit = (await world.Store.GetAuditTrailAsync(world.Auditor)).Last(e => e.Action == "export.judgements");
        Assert.Equal("package=tma.warning-behaviours;fields=3;rows=3;raters=2;withheld=2", audit.Detail);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Bad_options_are_refused_naming_the_field_and_nothing_is_written(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        await world.FilledCaseAsync();

        foreach (var (fields, problem) in new (string[], string)[] { ([], "fields: name between 1"), (["Priority"], "fields: field ids"), (["priority", "priority"], "fields: listed twice"), (["case"], "own columns") })
        {
            var output = new StringWriter();
            var error = await Assert.ThrowsAsync<CaseStoreValidationException>(() =>
                world.Store.ExportJudgementsAsync(world.Researcher, new JudgementExportOptions { PackageId = "tma.warning-behaviours", Fields = fields }, output));
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
            Assert.Equal("", output.ToString());
        }
    }
}
