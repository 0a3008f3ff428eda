using System.Globalization;
using Tma.Models.Diagnostics;
using Tma.Models.Packaging;
using Tma.Research.Datasets;
using Tma.Research.Evaluation.Computation;
using Tma.Research.Evaluation.Statistics;
using Tma.Scoring.Assessments;

namespace Tma.Research.Evaluation;

/// <summary>
/// Inter-rater agreement from a ratings file (docs/evaluation.md, "Agreement"): Cohen's κ and weighted κ for two
/// raters, Fleiss' κ, the six ICC forms, Krippendorff's α (ordinal) and Gwet's AC1, with their standard errors,
/// tests and intervals, per item and for the summary level.
/// </summary>
public static class AgreementEvaluator
{
    /// <summary>Reads a ratings file and computes the agreement figures of every item.</summary>
    /// <param name="path">The ratings: CSV with a case column, a rater column, one column per item and optionally the level; or, with <see cref="AgreementOptions.Wide"/>, one row per case and one column per rater.</param>
    /// <param name="package">
    /// Optional model: item columns must then be its inputs and their values its level ids (ordered categories), and the
    /// level column its output levels. Without a model, values are numeric codes.
    /// </param>
    /// <param name="options">Column names; <see cref="AgreementOptions.Default"/> when null.</param>
    /// <returns>The report, or the diagnostics (file:line:column) that prevented it.</returns>
    public static LoadResult<AgreementReport> Evaluate(string path, ModelPackage? package = null, AgreementOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= AgreementOptions.Default;
        if (File.Exists(path))
        {
            var known = new HashSet<string>(StringComparer.Ordinal) { options.CaseColumn, options.RaterColumn, options.LevelColumn };
            var refused = IdentifierScreen.Screen(path, c => known.Contains(c) || package is null || package.Definition.Inputs.Any(i => i.Id == c), c => c == options.LevelColumn || package?.Definition.Inputs.Any(i => i.Id == c) == true);
            if (refused.Count > 0)
            {
                return LoadResult<AgreementReport>.Failed([.. refused.Select(r => new Diagnostic(DatasetDiagnosticCodes.IdentifierColumn, Severity.Error, new SourceLocation(path, 1, r.ColumnNumber),
                    $"column `{r.Column}` looks like a direct identifier: {r.Reason}; use pseudonyms for cases and raters"))]);
            }
        }

        if (options.Validate() is { Count: > 0 } problems)
        {
            return LoadResult<AgreementReport>.Failed([.. problems.Select(p => new Diagnostic(EvaluationDiagnosticCodes.BadRatings, Severity.Error, new SourceLocation(path, 0, 0), p))]);
        }

        var table = options.Wide ? RatingsTable.ReadWide(path, package?.Definition, options) : RatingsTable.Read(path, package?.Definition, options);
        if (table.Value is not { } ratings)
        {
            return LoadResult<AgreementReport>.Failed(table.Diagnostics);
        }

        var skipped = new List<SkippedFigure>();
        var bootstrap = options.BootstrapResamples > 0 ? new BootstrapOptions(options.Seed, options.BootstrapResamples) : null;
        var items = ratings.Items.Select(item => Item(item, ratings.Raters, bootstrap, skipped)).ToList();
        var report = new AgreementReport
        {
            Provenance = new AgreementProvenance
            {
                ToolVersion = options.ToolVersion ?? EngineInfo.Version.ToString(),
                File = Path.GetFileName(path),
                Fingerprint = DatasetFingerprint.Compute(path),
                Rows = ratings.Rows,
                Cases = ratings.Cases,
                Raters = ratings.Raters,
                Model = package is null ? null : new ModelReference(package.Definition.Id, package.Definition.Version.ToString(), package.ContentHash, package.Definition.Kind.ToString().ToLowerInvariant(), package.Definition.Title),
                Layout = options.Wide ? "wide" : "long",
                Seed = bootstrap is null ? null : options.Seed,
                BootstrapResamples = options.BootstrapResamples,
            },
            Items = items,
            Skipped = skipped,
        };
        return LoadResult<AgreementReport>.From(report, new DiagnosticBag());
    }

    private static ItemAgreement Item(RatedItem item, int raters, BootstrapOptions? bootstrap, List<SkippedFigure> skipped)
    {
        var ratings = item.Ratings;
        var cases = ratings.GetLength(1);
        var complete = new List<int>();
        var rated = 0;
        var values = new SortedSet<double>();
        for (var c = 0; c < cases; c++)
        {
            var count = 0;
            for (var r = 0; r < raters; r++)
            {
                if (ratings[r, c] is { } v)
                {
                    count++;
                    values.Add(v);
                }
            }

            rated += count > 0 ? 1 : 0;
            if (count == raters)
            {
                complete.Add(c);
            }
        }

        // Categories: the model's levels (values are positions), or the distinct values in ascending order.
        var distinct = values.ToArray();
        var categories = item.Categories ?? [.. distinct.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))];
        int Category(double value) => item.Categories is null ? Array.BinarySearch(distinct, value) : (int)value;

        var categorical = new int[complete.Count, raters];
        var numeric = new double[complete.Count, raters];
        for (var i = 0; i < complete.Count; i++)
        {
            for (var r = 0; r < raters; r++)
            {
                var v = ratings[r, complete[i]]!.Value;
                numeric[i, r] = v;
                categorical[i, r] = Category(v);
            }
        }

        var name = item.Name;
        void Skip(string figure, string reason) => skipped.Add(new SkippedFigure($"{name}.{figure}", reason));
        T? Try<T>(string figure, Func<T> compute)
            where T : class
        {
            try
            {
                return compute();
            }
            catch (ArgumentException ex)
            {
                Skip(figure, ex.Message);
                return null;
            }
        }

        KappaResult? cohen = null, linear = null, quadratic = null;
        GwetAc1Result? ac1 = null;
        if (raters != 2)
        {
            Skip("cohenKappa", string.Create(CultureInfo.InvariantCulture, $"Cohen's κ compares two raters; this file has {raters} (see Fleiss' κ)"));
        }
        else if (complete.Count == 0)
        {
            Skip("cohenKappa", "no case was rated by both raters");
        }
        else
        {
            var a = new int[complete.Count];
            var b = new int[complete.Count];
            for (var i = 0; i < complete.Count; i++)
            {
                a[i] = categorical[i, 0];
                b[i] = categorical[i, 1];
            }

            cohen = Try("cohenKappa", () => CohenKappa.Compute(a, b, Math.Max(2, categories.Count), KappaWeighting.None));
            linear = Try("weightedKappaLinear", () => CohenKappa.Compute(a, b, Math.Max(2, categories.Count), KappaWeighting.Linear));
            quadratic = Try("weightedKappaQuadratic", () => CohenKappa.Compute(a, b, Math.Max(2, categories.Count), KappaWeighting.Quadratic));
            ac1 = Try("gwetAc1", () => GwetAc1.FromTable(CrossTable(a, b, Math.Max(2, categories.Count))));
        }

        FleissKappaResult? fleiss = null;
        IntraclassCorrelationResult? icc = null;
        if (complete.Count == 0)
        {
            Skip("fleissKappa", "no case was rated by every rater");
            Skip("intraclassCorrelation", "no case was rated by every rater");
        }
        else
        {
            fleiss = Try("fleissKappa", () => FleissKappa.FromRatings(categorical, Math.Max(2, categories.Count)));
            icc = Try("intraclassCorrelation", () => IntraclassCorrelation.Compute(numeric));
            if (raters > 2)
            {
                ac1 = Try("gwetAc1", () => GwetAc1.FromRatings(categorical, Math.Max(2, categories.Count)));
            }
        }

        var alpha = Try("krippendorffAlphaOrdinal", () => KrippendorffAlpha.Compute(ratings, KrippendorffMetric.Ordinal));
        if (alpha is not null && bootstrap is not null)
        {
            alpha = alpha with { Bootstrap = KrippendorffAlphaBootstrap.Compute(ratings, KrippendorffMetric.Ordinal, bootstrap) };
        }

        return new ItemAgreement
        {
            Item = name,
            IsLevel = item.IsLevel,
            Scale = item.Categories is null ? "numeric" : "levels",
            Categories = categories,
            RatedCases = rated,
            CompleteCases = complete.Count,
            CohenKappa = cohen,
            WeightedKappaLinear = linear,
            WeightedKappaQuadratic = quadratic,
            FleissKappa = fleiss,
            IntraclassCorrelation = icc,
            KrippendorffAlphaOrdinal = alpha,
            GwetAc1 = ac1,
        };
    }

    /// <summary>The q×q table of two raters' categories (rows: the first rater).</summary>
    private static int[,] CrossTable(int[] a, int[] b, int categories)
    {
        var table = new int[categories, categories];
        for (var i = 0; i < a.Length; i++)
        {
            table[a[i], b[i]]++;
        }

        return table;
    }
}
