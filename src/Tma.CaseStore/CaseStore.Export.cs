using System.Globalization;
using System.Security.Cryptography;

namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    private const string InputPrefix = "in:";

    private static readonly string[] FixedColumns =
    [
        "case", "subject", "category", "status", "observations", "first_observed_day", "last_observed_day",
        "assessments", "level", "score", "package", "package_version", "assessed_day",
        "decision_level", "decision_agreement", "decided_day",
    ];

    private static readonly HashSet<string> AllowedFixedQuasiIdentifiers = new(StringComparer.Ordinal)
    {
        "category", "status", "level", "decision_level", "decision_agreement", "package", "package_version",
    };

    /// <summary>
    /// Writes the tenant's cases as an anonymized CSV, one row per case: keyed-hash pseudonyms instead of ids and
    /// subject references, dates as whole days since the case was opened, free text (sources, rationales, documents)
    /// dropped, the latest value of each input, and k-anonymity over the declared quasi-identifiers enforced by
    /// suppression. Researcher only. The export is audited (with its suppression counts) before anything is written.
    /// </summary>
    /// <param name="researcher">A <see cref="CallerRole.Researcher"/>.</param>
    /// <param name="options">k, quasi-identifiers and purpose.</param>
    /// <param name="output">Where the CSV goes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was written and what was suppressed.</returns>
    /// <exception cref="CaseStoreValidationException">k below 2, an unknown or identifying quasi-identifier, or an empty purpose.</exception>
    /// <exception cref="ContentUnavailableException">A case's content failed authentication or its key cannot be unwrapped; nothing was written.</exception>
    public async Task<ExportReport> ExportAnonymizedAsync(Caller researcher, AnonymizedExportOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var (report, rows) = await RunAsync(researcher, Operation.Export, null, async context =>
        {
            var qis = options.QuasiIdentifiers ?? [];
            new Validator()
                .Check(options.K >= 2, "k: must be at least 2")
                .Text("purpose", options.Purpose, MaxShortText)
                .Check(qis.All(q => q is not null && (AllowedFixedQuasiIdentifiers.Contains(q) || (q.StartsWith(InputPrefix, StringComparison.Ordinal) && q.Length > InputPrefix.Length))),
                    "quasiIdentifiers: each must be an input column (in:<id>) or one of " + string.Join(", ", AllowedFixedQuasiIdentifiers.Order(StringComparer.Ordinal)))
                .Check(qis.Distinct(StringComparer.Ordinal).Count() == qis.Count, "quasiIdentifiers: listed twice")
                .ThrowIfInvalid();

            var pseudonymKey = await PseudonymKeyAsync(context).ConfigureAwait(false);
            try
            {
                return await BuildExportAsync(context, options, qis, pseudonymKey).ConfigureAwait(false);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pseudonymKey);
            }
        }, cancellationToken).ConfigureAwait(false);

        await Csv.WriteAsync(output, report.Columns, rows, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task<(ExportReport Report, IReadOnlyList<string[]> Rows)> BuildExportAsync(
        OperationContext context, AnonymizedExportOptions options, IReadOnlyList<string> qis, byte[] pseudonymKey)
    {
        var cases = await context.Session.QueryAsync<CaseRow>(
            $"SELECT {CaseRow.Columns} FROM cases WHERE tenant_id = @TenantId ORDER BY id",
            new { context.TenantId }).ConfigureAwait(false);
        var live = cases.Where(c => c.ShreddedAt is null).ToList();
        var records = new List<Dictionary<string, string>>(live.Count);
        var inputColumns = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var qi in qis.Where(q => q.StartsWith(InputPrefix, StringComparison.Ordinal)))
        {
            inputColumns.Add(qi);
        }

        foreach (var row in live)
        {
            var record = await ExportRecordAsync(context, row, options.Purpose, pseudonymKey).ConfigureAwait(false);
            foreach (var column in record.Keys.Where(c => c.StartsWith(InputPrefix, StringComparison.Ordinal)))
            {
                inputColumns.Add(column);
            }

            records.Add(record);
        }

        var columns = FixedColumns.Concat(inputColumns).ToArray();
        var table = records
            .Select(r => columns.Select(c => r.TryGetValue(c, out var v) ? v : "").ToArray())
            .ToList();
        var qiIndexes = qis.Select(q => Array.IndexOf(columns, q)).ToArray();
        var anonymized = KAnonymizer.Apply(table, qiIndexes, options.K);
        var ordered = anonymized.Rows.OrderBy(r => r[0], StringComparer.Ordinal).ToArray();
        var cells = qis.Select((q, i) => (q, anonymized.CellsSuppressed[i])).ToDictionary(p => p.q, p => p.Item2, StringComparer.Ordinal);
        var report = new ExportReport(live.Count, cases.Count - live.Count, ordered.Length, anonymized.RowsSuppressed, cells, options.K, qis.ToArray(), columns);
        context.Detail = string.Create(CultureInfo.InvariantCulture,
            $"k={options.K};rows={ordered.Length};suppressed_rows={anonymized.RowsSuppressed};suppressed_cells={anonymized.CellsSuppressed.Sum()};shredded_skipped={report.CasesShredded}");
        return (report, ordered);
    }

    private async Task<Dictionary<string, string>> ExportRecordAsync(OperationContext context, CaseRow row, string purpose, byte[] pseudonymKey)
    {
        var caseId = row.CaseId;
        var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
        var subject = FieldCipher.DecryptString(key, Slot(context, caseId, "cases", caseId, "subject_ref"), row.SubjectRef);
        var observations = (await ReadObservationsAsync(context, row).ConfigureAwait(false)).Where(o => o.SupersededBy is null).ToArray();
        var assessments = (await ReadAssessmentsAsync(context, row, full: false).ConfigureAwait(false)).Where(a => !a.Assessment.IsChallenger).ToArray();
        // Only decisions in effect: an override waiting for (or refused by) a second case manager is not the case's decided level.
        var decisions = (await ReadDecisionsAsync(context, row).ConfigureAwait(false)).Where(d => d.IsInEffect).ToList();
        var created = Time.FromMs(row.CreatedAt);

        var record = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["case"] = Pseudonym(pseudonymKey, "case", purpose, caseId.ToString("D")),
            ["subject"] = Pseudonym(pseudonymKey, "subject", purpose, subject),
            ["category"] = row.Category,
            ["status"] = row.Status,
            ["observations"] = observations.Length.ToString(CultureInfo.InvariantCulture),
            ["assessments"] = assessments.Length.ToString(CultureInfo.InvariantCulture),
        };
        if (observations.Length > 0)
        {
            record["first_observed_day"] = Day(created, observations.Min(o => o.ObservedAt));
            record["last_observed_day"] = Day(created, observations.Max(o => o.ObservedAt));
        }

        // The latest value of each input (observations are ordered by observed-at, then entered-at).
        foreach (var observation in observations)
        {
            record[InputPrefix + observation.InputId] = observation.Value;
        }

        if (assessments.Length > 0)
        {
            var last = assessments[^1];
            record["level"] = last.Assessment.Level;
            record["score"] = last.Assessment.Score?.ToString("R", CultureInfo.InvariantCulture) ?? "";
            record["package"] = last.Assessment.PackageId;
            record["package_version"] = last.Assessment.PackageVersion;
            record["assessed_day"] = Day(created, last.Assessment.AssessedAt);
        }

        if (decisions.Count > 0)
        {
            var last = decisions[^1];
            record["decision_level"] = last.Decision.FinalLevel;
            record["decision_agreement"] = last.Decision.Agreement.ToString();
            record["decided_day"] = Day(created, last.DecidedAt);
        }

        return record;
    }

    /// <summary>Whole days from the case's creation (floor), so no calendar date leaves the store.</summary>
    private static string Day(DateTimeOffset created, DateTimeOffset when) =>
        ((long)Math.Floor((when - created).TotalDays)).ToString(CultureInfo.InvariantCulture);

    /// <summary>HMAC-SHA256 under the tenant's pseudonymisation key, truncated to 128 bits, lower-case hex.</summary>
    private static string Pseudonym(byte[] key, string kind, string purpose, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Canonical.Encode("tma.pseudonym.v1", kind, purpose, value)).AsSpan(0, 16));

    private async Task<byte[]> PseudonymKeyAsync(OperationContext context)
    {
        var row = await context.Session.QuerySingleOrDefaultAsync<KeyRow>(
            "SELECT id AS CaseId, pseudonym_kek_id AS KekId, pseudonym_key AS WrappedKey FROM tenants WHERE id = @TenantId",
            new { context.TenantId }).ConfigureAwait(false)
            ?? throw new TenantNotFoundException(context.TenantId);
        try
        {
            return await _keys.UnwrapAsync(new WrappedKey(row.KekId, row.WrappedKey), PseudonymKeyContext(context.TenantId), CancellationToken.None).ConfigureAwait(false);
        }
        catch (CryptographicException ex)
        {
            throw new ContentUnavailableException(ContentUnavailableReason.KeyUnavailable, Guid.Empty, inner: ex);
        }
    }
}
