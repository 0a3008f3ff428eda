using FsCheck;
using FsCheck.Fluent;

namespace Tma.Research.Tests.Evaluation.Statistics;

/// <summary>Seeded data generators and published data sets shared by the statistics tests.</summary>
internal static class StatisticsTestData
{
    /// <summary>Negatives ~ N(0, 1), positives ~ N(d, 1); the true AUC is Φ(d / √2).</summary>
    public static (double[] Scores, bool[] Outcomes) Binormal(int negatives, int positives, double d, int seed)
    {
        var random = new Random(seed);
        var scores = new double[negatives + positives];
        var outcomes = new bool[negatives + positives];
        for (var i = 0; i < scores.Length; i++)
        {
            outcomes[i] = i >= negatives;
            scores[i] = StandardNormal(random) + (outcomes[i] ? d : 0.0);
        }

        return (scores, outcomes);
    }

    /// <summary>Box-Muller standard normal draw.</summary>
    public static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// Hanley &amp; McNeil (1982, Radiology 143:29–36, Table 1): CT ratings 1 (definitely normal) … 5 (definitely abnormal)
    /// of 58 normal and 51 abnormal patients. Counts: normal 33, 6, 6, 11, 2; abnormal 3, 2, 2, 11, 33. Published AUC 0.893.
    /// </summary>
    public static (double[] Scores, bool[] Outcomes) HanleyMcNeil1982()
    {
        int[] normal = [33, 6, 6, 11, 2];
        int[] abnormal = [3, 2, 2, 11, 33];
        var scores = new List<double>();
        var outcomes = new List<bool>();
        for (var rating = 0; rating < 5; rating++)
        {
            scores.AddRange(Enumerable.Repeat(rating + 1.0, normal[rating]));
            outcomes.AddRange(Enumerable.Repeat(false, normal[rating]));
            scores.AddRange(Enumerable.Repeat(rating + 1.0, abnormal[rating]));
            outcomes.AddRange(Enumerable.Repeat(true, abnormal[rating]));
        }

        return ([.. scores], [.. outcomes]);
    }

    /// <summary>Small labelled data sets with both outcomes present and many ties (scores 0..10).</summary>
    public static Arbitrary<(double[] Scores, bool[] Outcomes)> LabelledScores(int maxLength = 40) =>
        (from n in Gen.Choose(4, maxLength)
         from scores in Gen.Choose(0, 10).Select(static v => (double)v).ArrayOf(n)
         from outcomes in Gen.Elements(true, false).ArrayOf(n)
         select (scores, outcomes))
        .Where(static d => d.outcomes.Count(static o => o) >= 2 && d.outcomes.Count(static o => !o) >= 2)
        .ToArbitrary();

    /// <summary>Two scores of the same cases (paired), both outcomes present at least twice.</summary>
    public static Arbitrary<(double[] A, double[] B, bool[] Outcomes)> PairedScores(int maxLength = 30) =>
        (from n in Gen.Choose(4, maxLength)
         from a in Gen.Choose(0, 6).Select(static v => (double)v).ArrayOf(n)
         from b in Gen.Choose(0, 6).Select(static v => (double)v).ArrayOf(n)
         from outcomes in Gen.Elements(true, false).ArrayOf(n)
         select (a, b, outcomes))
        .Where(static d => d.outcomes.Count(static o => o) >= 2 && d.outcomes.Count(static o => !o) >= 2)
        .ToArbitrary();
}
