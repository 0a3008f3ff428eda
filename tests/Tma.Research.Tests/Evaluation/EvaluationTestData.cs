using System.Globalization;
using System.Text;
using Tma.Models.Packaging;
using Tma.Research.Datasets;
using Tma.Research.Synthesis;
using Tma.Scoring;
using Tma.Scoring.Classifiers;
using Tma.Scoring.FastPath;
using static Tma.Research.Tests.Datasets.DatasetTestFiles;

namespace Tma.Research.Tests.Evaluation;

/// <summary>Synthetic datasets for the evaluator tests and their reference scoring, one assessment per row.</summary>
internal static class EvaluationTestData
{
    public const string ModelId = "workplace-violence-screening";

    public static ModelPackage Package(string id = ModelId) =>
        ModelPackage.Load(Path.Combine(RepositoryRoot, "models", id)).GetValueOrThrow();

    /// <summary>Writes <c>tma synth</c> data for the package (see docs/datasets.md for the process).</summary>
    public static string Synth(ModelPackage package, int rows = 4_000, int seed = 7, double groupShift = 0.5, int groups = 2, double missing = 0.0)
    {
        var path = TempPath("data.csv");
        SyntheticDataset.WriteFile(package.Definition, new SyntheticOptions { Rows = rows, Seed = seed, GroupShift = groupShift, GroupCount = groups, MissingRate = missing }, path);
        return path;
    }

    /// <summary>
    /// Scores every row through <see cref="IRiskModel.Assess(Tma.Models.Cases.ResolvedCase)"/> — the per-case API, not the
    /// batch path the evaluator uses — and returns what the statistics need.
    /// </summary>
    public static Reference Score(ModelPackage package, string path)
    {
        // Evaluation measures the instrument as its policy scores a row (BatchRowScore), not the conclusion an
        // assessment of a person draws from it: the score, and the level the policy computes.
        var batch = package.Definition.Kind == Tma.Models.Definitions.ModelKind.Rules ? RiskModelCompiler.CompileBatch(package) : null;
        var model = batch is null ? RiskModelCompiler.Compile(package, options: RiskModelOptions.Default.WithClassifiers()) : null;
        using var reader = DatasetReader.Open(path, package.Definition).GetValueOrThrow();
        var scores = new List<double>();
        var ranks = new List<double>();
        var levels = new List<string>();
        var outcomes = new List<bool>();
        var groups = new List<string>();
        while (reader.MoveNext())
        {
            var row = reader.Current.ToResolvedCase();
            var (score, rank) = batch is not null
                ? (batch.Score([.. row.Values], [.. row.Relevance], row.Norm) is var scored ? (scored.Score, scored.LevelRank) : default)
                : (model!.Assess(row) is var a ? (a.Score, a.LevelRank) : default);
            scores.Add(score);
            ranks.Add(rank);
            levels.Add(package.Definition.Levels[rank].Id);
            outcomes.Add(reader.Current.Outcome);
            groups.Add(reader.Current.Groups.Length > 0 ? reader.Current.Groups[0] ?? "(missing)" : "");
        }

        Assert.False(reader.Stopped);
        return new Reference([.. scores], [.. ranks], [.. levels], [.. outcomes], [.. groups], [.. package.Definition.Levels.Select(l => l.Id)]);
    }

    /// <summary>A score-column dataset: x ~ N(0, 1), p = logistic(a + b·x), outcome ~ Bernoulli(p); columns p, x, site, outcome.</summary>
    public static (string Path, double[] P, double[] X, bool[] Y) ProbabilityColumns(int rows, int seed, double a = -1.0, double b = 1.2)
    {
        var random = new Random(seed);
        var p = new double[rows];
        var x = new double[rows];
        var y = new bool[rows];
        var text = new StringBuilder("p,x,group:site,outcome\n");
        for (var i = 0; i < rows; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            x[i] = Math.Round(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2), 4);
            p[i] = Math.Round(1.0 / (1.0 + Math.Exp(-(a + (b * x[i])))), 6);
            y[i] = random.NextDouble() < p[i];
            text.Append(CultureInfo.InvariantCulture, $"{p[i]:R},{x[i]:R},{(i % 2 == 0 ? "site_a" : "site_b")},{(y[i] ? 1 : 0)}\n");
        }

        return (Write(text.ToString()), p, x, y);
    }
}

/// <summary>Per-row reference results.</summary>
internal sealed record Reference(double[] Scores, double[] Ranks, string[] Levels, bool[] Outcomes, string[] Groups, string[] LevelOrder);
