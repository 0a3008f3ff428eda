using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

public sealed class ExportTests
{
    private static readonly string[] QuasiIdentifiers = ["category", "in:department", "in:age_band"];

    public sealed record GeneratedCase(CaseCategory Category, string Department, string AgeBand, string Fixation);

    public sealed record CaseSet(GeneratedCase[] Cases, int K);

    private static Gen<CaseSet> CaseSets() =>
        from cases in (
            from category in Gen.Elements(CaseCategory.Violence, CaseCategory.Bullying, CaseCategory.Crisis)
            from department in Gen.Elements("hr", "it", "ops")
            from age in Gen.Elements("20-29", "30-39", "40-49", "50-59")
            from fixation in Gen.Elements("present", "absent", "unknown")
            select new GeneratedCase(category, department, age, fixation)).ArrayOf()
        from k in Gen.Choose(2, 4)
        select new CaseSet(cases.Take(18).ToArray(), k);

    private static List<Dictionary<string, string>> ParseCsv(string csv)
    {
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',').Select((v, i) => (header[i], v)).ToDictionary(p => p.Item1, p => p.v)).ToList();
    }

    private static string Tuple(Dictionary<string, string> row) =>
        string.Join("|", QuasiIdentifiers.Select(q => row.TryGetValue(q, out var v) ? v : ""));

    private static async Task<bool> ExportIsKAnonymousAsync(CaseStore store, CaseSet set)
    {
        var world = await World.CreateAsync(store);
        var originals = new Dictionary<string, GeneratedCase>();
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < set.Cases.Length; i++)
        {
            var c = set.Cases[i];
            var created = await store.CreateCaseAsync(world.Manager, new NewCase("subject-" + i, c.Category, at.AddYears(4)));
            var tag = "t" + i.ToString(CultureInfo.InvariantCulture);
            originals[tag] = c;
            foreach (var (input, value) in new[] { ("department", c.Department), ("age_band", c.AgeBand), ("fixation", c.Fixation), ("tag", tag) })
            {
                await store.AddObservationAsync(world.Manager, created.Id, new NewObservation(input, value, at, "SOURCE-TEXT-" + i));
            }
        }

        var output = new StringWriter();
        var report = await store.ExportAnonymizedAsync(world.Researcher, new AnonymizedExportOptions { K = set.K, QuasiIdentifiers = QuasiIdentifiers }, output);
        var csv = output.ToString();
        var rows = ParseCsv(csv);
        var originalClassSize = originals.Values.GroupBy(c => (c.Category, c.Department, c.AgeBand)).ToDictionary(g => g.Key, g => g.Count());

        var ok = rows.Count + report.RowsSuppressed == set.Cases.Length
            && report.RowsWritten == rows.Count
            // k-anonymity: every quasi-identifier tuple in the output occurs at least k times.
            && rows.GroupBy(Tuple).All(g => g.Count() >= set.K)
            // what was suppressed is recorded exactly
            && QuasiIdentifiers.All(q => report.CellsSuppressed[q] == rows.Count(r => r[q] == "*"))
            && !csv.Contains("SOURCE-TEXT", StringComparison.Ordinal)
            && !csv.Contains("subject-", StringComparison.Ordinal);
        foreach (var row in rows)
        {
            var original = originals[row["in:tag"]];
            var values = new[] { original.Category.ToString(), original.Department, original.AgeBand };
            // a cell is either the true value or suppressed; rows already in a class of size >= k are untouched;
            // the sensitive, non-quasi-identifier value is never altered.
            ok &= QuasiIdentifiers.Select((q, i) => row[q] == "*" || row[q] == values[i]).All(x => x)
                && (originalClassSize[(original.Category, original.Department, original.AgeBand)] < set.K || Tuple(row) == string.Join("|", values))
                && row["in:fixation"] == original.Fixation;
        }

        return ok;
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_export_is_k_anonymous_over_random_case_sets(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var store = await harness.OpenAsync();
        // The store API is asynchronous; FsCheck drives a synchronous property, so it waits here (outside the test's own context).
        var property = Prop.ForAll(Arb.From(CaseSets()), set => Task.Run(() => ExportIsKAnonymousAsync(store, set)).GetAwaiter().GetResult());
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(backend == Backend.Sqlite ? 30 : 20), property));
    }

    [Fact]
    public void The_anonymizer_guarantees_k_anonymity_on_random_tables()
    {
        var tables =
            from width in Gen.Choose(1, 5)
            from rows in Gen.Elements("a", "b", "c").ArrayOf(width).ArrayOf()
            from qiMask in Gen.Elements(true, false).ArrayOf(width)
            from k in Gen.Choose(1, 5)
            select (rows, qis: Enumerable.Range(0, width).Where(i => qiMask[i]).ToArray(), k);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Arb.From(tables), t =>
        {
            var input = t.rows.Select((r, i) => r.Append("row" + i.ToString(CultureInfo.InvariantCulture)).ToArray()).ToArray();
            var result = KAnonymizer.Apply(input, t.qis, t.k);
            string Key(string[] r) => string.Join("|", t.qis.Select(q => r[q]));
            var inputClass = input.GroupBy(Key).ToDictionary(g => g.Key, g => g.Count());
            var byId = input.ToDictionary(r => r[^1]);
            return result.Rows.Count + result.RowsSuppressed == input.Length
                && result.Rows.GroupBy(Key).All(g => g.Count() >= t.k)
                && result.Rows.All(r =>
                {
                    var original = byId[r[^1]];
                    return Enumerable.Range(0, r.Length).All(i => t.qis.Contains(i) ? r[i] == "*" || r[i] == original[i] : r[i] == original[i])
                        && (inputClass[Key(original)] < t.k || Key(r) == Key(original));
                })
                && result.CellsSuppressed.Sum() == result.Rows.Sum(r => t.qis.Count(q => r[q] == "*"))
                && (t.qis.Length > 0 || result.RowsSuppressed == (input.Length < t.k ? input.Length : 0));
        }));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_export_uses_keyed_pseudonyms_relative_days_and_drops_free_text(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var filled = await world.FilledCaseAsync("EMP-4711");
        await world.FilledCaseAsync("EMP-4712");

        var first = new StringWriter();
        var report = await world.Store.ExportAnonymizedAsync(world.Researcher, new AnonymizedExportOptions { K = 2 }, first);
        var csv = first.ToString();
        Assert.Equal(
            "case,subject,category,status,observations,first_observed_day,last_observed_day,assessments,level,score,package,package_version,assessed_day,decision_level,decision_agreement,decided_day,in:fixation",
            csv.Split("\r\n")[0]);
        var rows = ParseCsv(csv);
        Assert.Equal(2, rows.Count);
        var row = rows[0];
        Assert.Matches("^[0-9a-f]{32}$", row["case"]);
        Assert.Matches("^[0-9a-f]{32}$", row["subject"]);
        Assert.Equal(("Violence", "present", "manage", "12.5", "Followed"), (row["category"], row["in:fixation"], row["level"], row["score"], row["decision_agreement"]));
        // The case was created on 2026-03-01 09:00 (fake clock); observed 2026-02-27 00:00 → day -3; assessed 2026-03-01 10:00 → day 0.
        Assert.Equal(("-3", "0"), (row["first_observed_day"], row["assessed_day"]));
        foreach (var secret in new[] { "EMP-4711", "line manager report", "agree with model", "note.txt", filled.Id.ToString("D"), "2026-" })
        {
            Assert.DoesNotContain(secret, csv, StringComparison.Ordinal);
        }

        Assert.Equal((2, 0, 2, 0), (report.CasesConsidered, report.CasesShredded, report.RowsWritten, report.RowsSuppressed));
        var again = new StringWriter();
        await world.Store.ExportAnonymizedAsync(world.Researcher, new AnonymizedExportOptions { K = 2 }, again);
        Assert.Equal(csv, again.ToString());
        var otherStudy = new StringWriter();
        await world.Store.ExportAnonymizedAsync(world.Researcher, new AnonymizedExportOptions { K = 2, Purpose = "study-2" }, otherStudy);
        Assert.Empty(ParseCsv(otherStudy.ToString()).Select(r => r["case"]).Intersect(rows.Select(r => r["case"])));

        var audit = (await world.Store.GetAuditTrailAsync(world.Auditor)).Last(e => e.Action == "export.anonymized");
        Assert.Equal("k=2;rows=2;suppressed_rows=0;suppressed_cells=0;shredded_skipped=0", audit.Detail);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Identifying_columns_cannot_be_declared_quasi_identifiers(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var error = await Assert.ThrowsAsync<CaseStoreValidationException>(() =>
            world.Store.ExportAnonymizedAsync(world.Researcher, new AnonymizedExportOptions { K = 1, QuasiIdentifiers = ["case", "in:"] }, new StringWriter()));
        Assert.Equal(2, error.Problems.Count);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(1)", "'=HYPERLINK(1)")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("@x", "'@x")]
    public void Csv_cells_are_escaped_and_formulas_defused(string value, string expected) =>
        Assert.Equal(expected, Csv.Escape(value));
}
