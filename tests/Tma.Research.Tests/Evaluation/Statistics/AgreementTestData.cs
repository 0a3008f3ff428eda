using FsCheck;
using FsCheck.Fluent;

namespace Tma.Research.Tests.Evaluation.Statistics;

/// <summary>Published inter-rater data sets and generators.</summary>
internal static class AgreementTestData
{
    /// <summary>
    /// Fleiss (1971), Psychol Bull 76:378–382, Table 1 in the subject × rater layout of R's irr::diagnoses:
    /// 30 patients, 6 psychiatrists, categories 1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis,
    /// 5 other. Published κ = 0.430 (irr: 0.4302445). Category totals 26, 26, 30, 55, 43.
    /// </summary>
    public static readonly int[,] FleissDiagnoses =
    {
        { 4, 4, 4, 4, 4, 4 }, { 2, 2, 2, 5, 5, 5 }, { 2, 3, 3, 3, 3, 5 }, { 5, 5, 5, 5, 5, 5 }, { 2, 2, 2, 4, 4, 4 },
        { 1, 1, 3, 3, 3, 3 }, { 3, 3, 3, 3, 5, 5 }, { 1, 1, 3, 3, 3, 4 }, { 1, 1, 4, 4, 4, 4 }, { 5, 5, 5, 5, 5, 5 },
        { 1, 4, 4, 4, 4, 4 }, { 1, 2, 4, 4, 4, 4 }, { 2, 2, 2, 3, 3, 3 }, { 1, 4, 4, 4, 4, 4 }, { 2, 2, 4, 4, 4, 5 },
        { 3, 3, 3, 3, 3, 5 }, { 1, 1, 1, 4, 5, 5 }, { 1, 1, 1, 1, 1, 2 }, { 2, 2, 4, 4, 4, 4 }, { 1, 3, 3, 5, 5, 5 },
        { 5, 5, 5, 5, 5, 5 }, { 2, 4, 4, 4, 4, 4 }, { 2, 2, 4, 5, 5, 5 }, { 1, 1, 4, 4, 4, 4 }, { 1, 4, 4, 4, 4, 5 },
        { 2, 2, 2, 2, 2, 4 }, { 1, 1, 1, 1, 5, 5 }, { 2, 2, 4, 4, 4, 4 }, { 1, 3, 3, 3, 3, 3 }, { 5, 5, 5, 5, 5, 5 },
    };

    /// <summary>Shrout &amp; Fleiss (1979), Psychol Bull 86:420–428, Table 2: 6 targets × 4 judges.</summary>
    public static readonly double[,] ShroutFleiss =
    {
        { 9, 2, 5, 8 },
        { 6, 1, 3, 2 },
        { 8, 4, 6, 8 },
        { 7, 1, 2, 6 },
        { 10, 5, 6, 9 },
        { 6, 2, 4, 7 },
    };

    /// <summary>
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: 4 observers × 12 units with
    /// missing values (null). Published α: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
    /// </summary>
    public static readonly double?[,] Krippendorff2011 =
    {
        { 1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null },
        { 1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3 },
        { null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null },
        { 1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null },
    };

    /// <summary>Category ratings of one rater (0..4) with at least two distinct categories, length 3..40.</summary>
    public static Arbitrary<int[]> VariedRatings() =>
        (from n in Gen.Choose(3, 40)
         from r in Gen.Choose(0, 4).ArrayOf(n)
         select r)
        .Where(static r => r.Distinct().Count() >= 2)
        .ToArbitrary();
}
