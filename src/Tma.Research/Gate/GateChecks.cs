using System.Globalization;
using Semver;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Research.Evaluation;

namespace Tma.Research.Gate;

/// <summary>
/// Judges each check of a policy on a comparison whose A is the baseline and B the candidate. Every check that the
/// policy names yields exactly one <see cref="GateCheck"/>; a check that cannot be computed says why instead of passing.
/// </summary>
internal sealed class GateChecks(ComparisonReport comparison, GatePolicy policy, string dataPath)
{
    private EvaluationReport Baseline => comparison.A;

    private EvaluationReport Candidate => comparison.B;

    /// <summary>A policy that does not fit the candidate: a subgroup level it does not have, or its lowest level (which flags everyone).</summary>
    public Diagnostic? PolicyProblem(ModelDefinition candidate)
    {
        if (policy.MaxSubgroupGap is null || policy.SubgroupLevel is not { } level)
        {
            return null;
        }

        var ids = candidate.Levels.Select(l => l.Id).ToList();
        var index = ids.IndexOf(level);
        if (index < 0)
        {
            return new Diagnostic(GateDiagnosticCodes.PolicyDoesNotFit, Severity.Error, SourceLocation.WholeFile(dataPath),
                $"the policy's `max_subgroup_gap.at_or_above: {level}` is not a level of the candidate `{candidate.Id}` {candidate.Version} (its levels: {string.Join(", ", ids)})");
        }

        return index == 0
            ? new Diagnostic(GateDiagnosticCodes.PolicyDoesNotFit, Severity.Error, SourceLocation.WholeFile(dataPath),
                $"the policy's `max_subgroup_gap.at_or_above: {level}` is the candidate's lowest level, which flags every case; name a higher level ({string.Join(", ", ids.Skip(1))})")
            : null;
    }

    public IEnumerable<GateCheck> Discrimination()
    {
        var test = comparison.ScoreAuc;
        if (policy.MinimumAuc is { } minimum)
        {
            var auc = Candidate.Score.Auc;
            var pass = auc.Auc >= minimum;
            yield return new GateCheck("minimum_auc", pass ? GateCheckStatus.Pass : GateCheckStatus.Fail, Format(auc.Auc), $"≥ {Format(minimum)}", auc.Auc,
                $"AUC of the candidate's score {Format(auc.Auc)} (95% CI {Format(auc.Lower)} to {Format(auc.Upper)}; baseline {Format(Baseline.Score.Auc.Auc)}) " +
                (pass ? $"is at least {Format(minimum)}" : $"is below the required {Format(minimum)}"));
        }

        if (policy.NonInferiorityMargin is { } margin)
        {
            // The comparison's difference is A − B = baseline − candidate; the candidate − baseline interval is its mirror.
            var difference = -test.Difference;
            var lower = -test.Upper;
            var upper = -test.Lower;
            var pass = lower >= -margin;
            var level = test.ConfidenceLevel.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", string.Empty, StringComparison.Ordinal);
            yield return new GateCheck("non_inferiority_margin", pass ? GateCheckStatus.Pass : GateCheckStatus.Fail, Format(lower), $"≥ {Format(-margin)}", lower,
                $"AUC candidate − baseline = {Signed(difference)} ({level} DeLong CI {Signed(lower)} to {Signed(upper)}, paired over {test.Positives} events and {test.Negatives} non-events); " +
                (pass ? $"the lower limit {Signed(lower)} is within the margin −{Format(margin)}, so the candidate is not inferior"
                      : $"the lower limit {Signed(lower)} is below −{Format(margin)}: the data do not rule out that the candidate discriminates worse by more than the margin"));
        }
    }

    public IEnumerable<GateCheck> Calibration()
    {
        if (policy.MaxCalibrationError is null && policy.CalibrationSlope is null)
        {
            yield break;
        }

        var reason = !Candidate.Calibration.Computed
            ? "candidate: " + Candidate.Calibration.SkippedReason
            : !Baseline.Calibration.Computed ? "baseline: " + Baseline.Calibration.SkippedReason : null;
        if (policy.MaxCalibrationError is { } maxEce)
        {
            var threshold = $"≤ {Format(maxEce)}";
            if (reason is not null || Candidate.Calibration.ExpectedCalibrationError is not { } ece)
            {
                yield return NotApplicable("max_calibration_error", threshold, "calibration needs both scores to be probabilities; " + (reason ?? "the calibration error was not computed"));
            }
            else
            {
                var pass = ece.Value <= maxEce;
                var before = Baseline.Calibration.ExpectedCalibrationError?.Value;
                yield return new GateCheck("max_calibration_error", pass ? GateCheckStatus.Pass : GateCheckStatus.Fail, Format(ece.Value), threshold, ece.Value,
                    $"expected calibration error of the candidate over {ece.Bins.Count} equal-width bins is {Format(ece.Value)} (baseline {(before is { } b ? Format(b) : "n/a")}); " +
                    (pass ? "within the limit" : "its predicted probabilities are further from the observed rates than the policy allows"));
            }
        }

        if (policy.CalibrationSlope is { } range)
        {
            var threshold = $"[{Format(range.Low)}, {Format(range.High)}]";
            if (reason is not null || Candidate.Calibration.Fit is not { } fit)
            {
                yield return NotApplicable("calibration_slope", threshold, "calibration needs both scores to be probabilities; " + (reason ?? "the calibration fit was not computed"));
            }
            else
            {
                var slope = fit.Slope.Estimate;
                var pass = range.Contains(slope);
                yield return new GateCheck("calibration_slope", pass ? GateCheckStatus.Pass : GateCheckStatus.Fail, Format(slope), threshold, slope,
                    $"Cox calibration slope of the candidate {Format(slope)} (95% CI {Format(fit.Slope.Lower)} to {Format(fit.Slope.Upper)}; baseline {(Baseline.Calibration.Fit is { } b ? Format(b.Slope.Estimate) : "n/a")}) " +
                    (pass ? "lies in the range" : slope < range.Low ? "is below the range: predictions too extreme" : "is above the range: predictions too timid"));
            }
        }
    }

    public IEnumerable<GateCheck> Subgroups()
    {
        if (policy.MaxSubgroupGap is not { } maxGap)
        {
            yield break;
        }

        var threshold = $"≤ {Format(maxGap)}";
        if (!Candidate.Levels.Computed)
        {
            yield return NotApplicable("max_subgroup_gap", threshold, "the candidate's score has no levels to flag cases at: " + Candidate.Levels.SkippedReason);
            yield break;
        }

        if (Candidate.Subgroups.Count == 0)
        {
            yield return NotApplicable("max_subgroup_gap", threshold, "the dataset has no analysable `group:` column (2 or more labels)");
            yield break;
        }

        var label = "band ≥ " + policy.SubgroupLevel;
        (string Column, string Rate, Tma.Research.Evaluation.Statistics.SubgroupGap Gap)? worst = null;
        foreach (var column in Candidate.Subgroups)
        {
            if (column.Cutoffs.FirstOrDefault(c => c.CutoffLabel == label) is not { } at)
            {
                continue;
            }

            foreach (var (rate, gap) in new[] { ("TPR", at.TruePositiveRateGap), ("FPR", at.FalsePositiveRateGap) })
            {
                if (gap is not null && (worst is null || gap.Difference > worst.Value.Gap.Difference))
                {
                    worst = (column.Column, rate, gap);
                }
            }
        }

        if (worst is not { } w)
        {
            yield return NotApplicable("max_subgroup_gap", threshold, $"no subgroup gap is defined at {label}: no `group:` column has two groups with cases of each outcome");
            yield break;
        }

        var pass = w.Gap.Difference <= maxGap;
        yield return new GateCheck("max_subgroup_gap", pass ? GateCheckStatus.Pass : GateCheckStatus.Fail, Format(w.Gap.Difference), threshold, w.Gap.Difference,
            $"largest TPR/FPR gap of the candidate at {label}, over every `group:` column: {w.Rate} in `{w.Column}` is {Format(w.Gap.HigherRate)} for {w.Gap.HigherGroup} and {Format(w.Gap.LowerRate)} for {w.Gap.LowerGroup}; " +
            (pass ? "within the limit" : "the candidate's errors fall unequally on the groups beyond what the policy allows"));
    }

    public IEnumerable<GateCheck> PositivePredictiveValues()
    {
        if (policy.MaxPpvDrop is not { } maxDrop)
        {
            yield break;
        }

        var threshold = $"≤ {Format(maxDrop)}";
        if (Candidate.Levels.Cutoffs is not { } after || Baseline.Levels.Cutoffs is not { } before)
        {
            yield return NotApplicable("max_ppv_drop", threshold, "PPV per band needs levels on both sides: " + (Candidate.Levels.SkippedReason ?? Baseline.Levels.SkippedReason));
            yield break;
        }

        (string Band, double Before, double After)? worst = null;
        var compared = 0;
        // The lowest band's row flags every case: its PPV is the base rate on both sides, so it says nothing.
        foreach (var row in after.Rows.Skip(1))
        {
            var b = before.Rows.FirstOrDefault(r => r.Cutoff.Label == row.Cutoff.Label);
            var ppvAfter = row.Cutoff.PositivePredictiveValue.Estimate;
            var ppvBefore = b?.Cutoff.PositivePredictiveValue.Estimate ?? double.NaN;
            if (double.IsNaN(ppvAfter) || double.IsNaN(ppvBefore))
            {
                continue;
            }

            compared++;
            if (worst is null || ppvBefore - ppvAfter > worst.Value.Before - worst.Value.After)
            {
                worst = (row.Cutoff.Label, ppvBefore, ppvAfter);
            }
        }

        if (worst is not { } w)
        {
            yield return NotApplicable("max_ppv_drop", threshold, "no band exists in both models with flagged cases on both sides, so no PPV can be compared");
            yield break;
        }

        var drop = w.Before - w.After;
        var pass = drop <= maxDrop;
        yield return new GateCheck("max_ppv_drop", pass ? GateCheckStatus.Pass : GateCheckStatus.Fail, Format(drop), threshold, drop,
            $"largest PPV drop over the {compared} bands above the lowest that both have (flagged = at or above the band): at {w.Band} PPV goes from {Format(w.Before)} (baseline) to {Format(w.After)} (candidate); " +
            (pass ? "within the limit" : "fewer of the cases the candidate flags there have the outcome"));
    }

    public static GateCheck Latency(LatencyMeasurement m, double maxRatio)
    {
        var pass = m.Ratio <= maxRatio;
        return new GateCheck("max_latency_ratio", pass ? GateCheckStatus.Pass : GateCheckStatus.Fail, Format(m.Ratio, "0.00"), $"≤ {Format(maxRatio, "0.00")}", m.Ratio,
            $"median per-case scoring time over {m.Repetitions} timed repetitions of the same {m.Cases} cases (after a warm-up), in this process: candidate {Format(m.CandidateMicroseconds, "0.###")} µs, baseline {Format(m.BaselineMicroseconds, "0.###")} µs; " +
            (pass ? "within the allowed ratio" : "the candidate is slower than the policy allows"));
    }

    public static GateCheck Version(SemVersion candidate, SemVersion baseline)
    {
        var pass = SemVersion.ComparePrecedence(candidate, baseline) > 0;
        return new GateCheck("version_must_increase", pass ? GateCheckStatus.Pass : GateCheckStatus.Fail, candidate.ToString(), $"> {baseline}", null,
            pass ? $"the candidate's version {candidate} is greater than the baseline's {baseline} (SemVer precedence)"
                 : $"the candidate's version {candidate} is not greater than the baseline's {baseline}; any change to what a package computes is a new, higher version");
    }

    public static GateCheck NotApplicable(string name, string threshold, string reason) =>
        new(name, GateCheckStatus.NotApplicable, "n/a", threshold, null, "not applicable: " + reason);

    public static string Format(double value, string format = "0.0000") => (value + 0.0).ToString(format, CultureInfo.InvariantCulture);

    private static string Signed(double value) => (value + 0.0).ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);
}
