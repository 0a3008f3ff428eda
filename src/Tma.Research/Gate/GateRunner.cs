using Tma.Models.Diagnostics;
using Tma.Models.Packaging;
using Tma.Research.Evaluation;

namespace Tma.Research.Gate;

/// <summary>
/// Runs a release gate: scores the candidate and the baseline on the same benchmark dataset (the evaluator's batch
/// path), compares them as <c>tma compare</c> does (DeLong's paired test, calibration of each, levels, subgroups) and
/// judges every check of a <see cref="GatePolicy"/>. Bad input — packages the engine cannot score, a dataset that does
/// not fit a model, all outcomes equal, a policy that does not fit the models — is returned as diagnostics, never
/// thrown and never turned into a pass.
/// </summary>
public static class GateRunner
{
    /// <summary>Gates <paramref name="candidate"/> against <paramref name="baseline"/> on <paramref name="dataPath"/>.</summary>
    /// <param name="candidate">The package to be released.</param>
    /// <param name="baseline">The released package it replaces.</param>
    /// <param name="dataPath">The benchmark dataset (CSV with both models' inputs, <c>outcome</c> and optional <c>group:</c> columns).</param>
    /// <param name="policy">The checks and their thresholds.</param>
    /// <returns>The result with every check, or the diagnostics that prevented it.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static LoadResult<GateResult> Run(ModelPackage candidate, ModelPackage baseline, string dataPath, GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(dataPath);
        ArgumentNullException.ThrowIfNull(policy);
        if (Refused(policy, dataPath) is { } refused)
        {
            return refused;
        }

        if (Circular(dataPath, candidate, baseline) is { } circular)
        {
            return circular;
        }

        var compared = Evaluator.Compare(dataPath, baseline, candidate, Options(policy));
        if (compared.Value is not { } comparison)
        {
            return LoadResult<GateResult>.Failed(compared.Diagnostics);
        }

        var checks = new GateChecks(comparison, policy, dataPath);
        if (checks.PolicyProblem(candidate.Definition) is { } problem)
        {
            return LoadResult<GateResult>.Failed([problem]);
        }

        var list = checks.Discrimination()
            .Concat(checks.Calibration())
            .Concat(checks.Subgroups())
            .Concat(checks.PositivePredictiveValues())
            .ToList();
        if (policy.MaxLatencyRatio is { } maxRatio)
        {
            var latency = LatencyProbe.Measure(candidate, baseline, dataPath, Options(policy));
            list.Add(latency.Value is { } ratio ? GateChecks.Latency(ratio, maxRatio) : GateChecks.NotApplicable("max_latency_ratio", $"≤ {GateChecks.Format(maxRatio)}", latency.Reason!));
        }

        if (policy.VersionMustIncrease)
        {
            list.Add(GateChecks.Version(candidate.Definition.Version, baseline.Definition.Version));
        }

        return Result(comparison, $"{candidate.Definition.Id} {candidate.Definition.Version}", $"{baseline.Definition.Id} {baseline.Definition.Version}", dataPath, list);
    }

    /// <summary>
    /// Gates a score that is a dataset column against another column of the same dataset (another tool's output, or scores
    /// computed elsewhere). Levels, latency and versions do not exist for columns: those checks are reported as not applicable.
    /// </summary>
    /// <param name="dataPath">The dataset with both score columns, <c>outcome</c> and optional <c>group:</c> columns.</param>
    /// <param name="candidateColumn">The candidate's score column (higher = more risk).</param>
    /// <param name="baselineColumn">The baseline's score column.</param>
    /// <param name="scoresAreProbabilities">True when both columns are predicted probabilities (enables the calibration checks).</param>
    /// <param name="policy">The checks and their thresholds.</param>
    /// <returns>The result with every check, or the diagnostics that prevented it.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A column name is empty, or both are the same column.</exception>
    public static LoadResult<GateResult> RunScoreColumns(string dataPath, string candidateColumn, string baselineColumn, bool scoresAreProbabilities, GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        ArgumentException.ThrowIfNullOrEmpty(candidateColumn);
        ArgumentException.ThrowIfNullOrEmpty(baselineColumn);
        ArgumentNullException.ThrowIfNull(policy);
        if (Refused(policy, dataPath) is { } refused)
        {
            return refused;
        }

        var compared = Evaluator.CompareScoreColumns(dataPath, baselineColumn, candidateColumn, Options(policy) with { ScoreIsProbability = scoresAreProbabilities });
        if (compared.Value is not { } comparison)
        {
            return LoadResult<GateResult>.Failed(compared.Diagnostics);
        }

        var checks = new GateChecks(comparison, policy, dataPath);
        var list = checks.Discrimination()
            .Concat(checks.Calibration())
            .Concat(checks.Subgroups())
            .Concat(checks.PositivePredictiveValues())
            .ToList();
        if (policy.MaxLatencyRatio is { } maxRatio)
        {
            list.Add(GateChecks.NotApplicable("max_latency_ratio", $"≤ {GateChecks.Format(maxRatio)}", "the scores are dataset columns; there is no model whose scoring time could be measured"));
        }

        if (policy.VersionMustIncrease)
        {
            list.Add(GateChecks.NotApplicable("version_must_increase", "candidate > baseline", "the scores are dataset columns, which have no versions"));
        }

        return Result(comparison, candidateColumn, baselineColumn, dataPath, list);
    }

    private static LoadResult<GateResult>? Refused(GatePolicy policy, string dataPath)
    {
        if (policy.HasChecks)
        {
            return null;
        }

        var bag = new DiagnosticBag();
        bag.Error(GateDiagnosticCodes.EmptyPolicy, SourceLocation.WholeFile(dataPath), "the gate policy names no check, so it would pass every candidate");
        return LoadResult<GateResult>.From(null, bag);
    }

    /// <summary>
    /// Refuses benchmark data that <c>tma synth</c> generated from the candidate or the baseline (its <c>.truth.json</c>
    /// names the package): a gate must judge both on data that neither of them produced.
    /// </summary>
    private static LoadResult<GateResult>? Circular(string dataPath, ModelPackage candidate, ModelPackage baseline)
    {
        var truth = dataPath + ".truth.json";
        if (!File.Exists(truth))
        {
            return null;
        }

        string? model = null;
        string? version = null;
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(truth));
            model = json.RootElement.TryGetProperty("model", out var m) ? m.GetString() : null;
            version = json.RootElement.TryGetProperty("modelVersion", out var v) ? v.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Whether the data came from one of the models cannot be told: refused, never assumed independent.
            var bag = new DiagnosticBag();
            bag.Error(GateDiagnosticCodes.UnreadableFile, SourceLocation.WholeFile(truth), $"the benchmark data's provenance file cannot be read, so the gate cannot tell whether a model produced the data: {ex.Message}");
            return LoadResult<GateResult>.From(null, bag);
        }

        foreach (var (role, package) in new[] { ("candidate", candidate), ("baseline", baseline) })
        {
            if (model == package.Definition.Id && version == package.Definition.Version.ToString())
            {
                var bag = new DiagnosticBag();
                bag.Error(GateDiagnosticCodes.CircularData, SourceLocation.WholeFile(truth), $"the benchmark data was synthesised from the {role} itself ({model} {version}); a gate needs a fixed benchmark that neither model produced (benchmarks/data/)");
                return LoadResult<GateResult>.From(null, bag);
            }
        }

        return null;
    }

    private static EvaluationOptions Options(GatePolicy policy) =>
        EvaluationOptions.Default with { Seed = policy.Seed, BootstrapResamples = policy.Bootstrap };

    private static LoadResult<GateResult> Result(ComparisonReport comparison, string candidate, string baseline, string dataPath, List<GateCheck> checks)
    {
        var result = new GateResult
        {
            Candidate = candidate,
            Baseline = baseline,
            Data = dataPath,
            DataFingerprint = Datasets.DatasetFingerprint.Compute(dataPath),
            Rows = comparison.B.Sample.N,
            Events = comparison.B.Sample.Events,
            Checks = checks,
            Warnings = [.. comparison.A.Warnings.Select(w => "baseline: " + w), .. comparison.B.Warnings.Select(w => "candidate: " + w)],
        };
        return LoadResult<GateResult>.From(result, new DiagnosticBag());
    }
}
