using System.Globalization;
using System.Security.Cryptography;

namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    /// <summary>
    /// Writes the assessors' structured-professional-judgement ratings of one model as a CSV for inter-rater agreement
    /// (<c>tma agreement --model</c>): one row per case and rater with the rater's latest decision on that case, columns
    /// <c>case</c>, <c>rater</c> and one per requested rating field. Case and rater are keyed-hash pseudonyms (the case
    /// pseudonym equals the anonymized export's for the same purpose, so the two files can be joined); rationales,
    /// final levels, dates and free-text fields never leave. Researcher only; audited before anything is written.
    /// </summary>
    /// <param name="researcher">A <see cref="CallerRole.Researcher"/>.</param>
    /// <param name="options">The model, the rating fields and the purpose.</param>
    /// <param name="output">Where the CSV goes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="CaseStoreValidationException">No package, no or badly named fields, a field listed twice, or an empty purpose.</exception>
    /// <exception cref="ContentUnavailableException">A case's content failed authentication or its key cannot be unwrapped; nothing was written.</exception>
    public async Task<JudgementExportReport> ExportJudgementsAsync(Caller researcher, JudgementExportOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var (report, rows) = await RunAsync(researcher, Operation.ExportJudgements, null, async context =>
        {
            var fields = options.Fields ?? [];
            new Validator()
                .Text("packageId", options.PackageId, MaxShortText)
                .Text("purpose", options.Purpose, MaxShortText)
                .Check(fields.Count is > 0 and <= 32, "fields: name between 1 and 32 rating fields of the model's judgement")
                .Check(fields.All(f => f is not null && JudgementFieldId().IsMatch(f)), "fields: field ids are lower-case names (a-z, 0-9, _)")
                .Check(fields.Distinct(StringComparer.Ordinal).Count() == fields.Count, "fields: listed twice")
                .Check(!fields.Contains("case", StringComparer.Ordinal) && !fields.Contains("rater", StringComparer.Ordinal), "fields: `case` and `rater` are the export's own columns")
                .ThrowIfInvalid();

            var pseudonymKey = await PseudonymKeyAsync(context).ConfigureAwait(false);
            try
            {
                return await BuildJudgementExportAsync(context, options, fields, pseudonymKey).ConfigureAwait(false);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pseudonymKey);
            }
        }, cancellationToken).ConfigureAwait(false);

        await Csv.WriteAsync(output, report.Columns, rows, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task<(JudgementExportReport Report, IReadOnlyList<string[]> Rows)> BuildJudgementExportAsync(
        OperationContext context, JudgementExportOptions options, IReadOnlyList<string> fields, byte[] pseudonymKey)
    {
        var cases = await context.Session.QueryAsync<CaseRow>(
            $"SELECT {CaseRow.Columns} FROM cases WHERE tenant_id = @TenantId ORDER BY id",
            new { context.TenantId }).ConfigureAwait(false);
        var live = cases.Where(c => c.ShreddedAt is null).ToList();
        var rows = new List<string[]>();
        var raters = new HashSet<string>(StringComparer.Ordinal);
        int casesRated = 0, skipped = 0, withheld = 0;
        foreach (var row in live)
        {
            // Only decisions in effect: a pending or rejected override (four-eyes rule) is not yet, or never, a rating of record.
            var decisions = (await ReadDecisionsAsync(context, row).ConfigureAwait(false)).Where(d => d.IsInEffect).ToList();
            if (!decisions.Any(d => d.Decision.Judgement is not null && d.Decision.AssessmentId is not null))
            {
                continue;
            }

            // Only decisions that respond to an assessment by the requested model carry ratings on its fields.
            var assessments = await ReadAssessmentsAsync(context, row, full: false).ConfigureAwait(false);
            var ofModel = assessments.Where(a => a.Assessment.PackageId == options.PackageId).Select(a => a.Id).ToHashSet();
            var judged = decisions
                .Where(d => d.Decision.Judgement is not null && d.Decision.AssessmentId is { } a && ofModel.Contains(a))
                .ToArray();
            // Agreement needs one rating per case and rater: a rater's later decision replaces the earlier ones.
            var latest = judged.GroupBy(d => d.DecidedBy, StringComparer.Ordinal).Select(g => g.Last()).ToArray();
            skipped += judged.Length - latest.Length;
            if (latest.Length == 0)
            {
                continue;
            }

            casesRated++;
            var casePseudonym = Pseudonym(pseudonymKey, "case", options.Purpose, row.CaseId.ToString("D"));
            foreach (var decision in latest)
            {
                var rater = Pseudonym(pseudonymKey, "rater", options.Purpose, decision.DecidedBy);
                raters.Add(rater);
                var cells = new string[2 + fields.Count];
                cells[0] = casePseudonym;
                cells[1] = rater;
                for (var f = 0; f < fields.Count; f++)
                {
                    if (!decision.Decision.Judgement!.TryGetValue(fields[f], out var value))
                    {
                        cells[2 + f] = "";
                    }
                    else if (JudgementFieldId().IsMatch(value))
                    {
                        cells[2 + f] = value;
                    }
                    else
                    {
                        cells[2 + f] = "";
                        withheld++;
                    }
                }

                rows.Add(cells);
            }
        }

        var ordered = rows.OrderBy(r => r[0], StringComparer.Ordinal).ThenBy(r => r[1], StringComparer.Ordinal).ToArray();
        string[] columns = ["case", "rater", .. fields];
        var report = new JudgementExportReport(live.Count, casesRated, raters.Count, ordered.Length, skipped, withheld, columns);
        context.Detail = string.Create(CultureInfo.InvariantCulture,
            $"package={options.PackageId};fields={fields.Count};rows={ordered.Length};raters={raters.Count};withheld={withheld}");
        return (report, ordered);
    }
}
