using System.Diagnostics;
using Tma.Models.Definitions;
using Tma.Models.Packaging;
using Tma.Research.Datasets;
using Tma.Research.Evaluation;
using Tma.Scoring.Classifiers;

namespace Tma.Research.Gate;

/// <summary>
/// The only timing in the gate: the per-case scoring time of candidate and baseline over the same cases, in the same
/// process, as a ratio (absolute times from a shared CI machine mean little). Each model scores the first
/// <see cref="MaxCases"/> rows once as a warm-up, then <see cref="Repetitions"/> timed passes alternate between the two
/// models; the median pass of each gives its per-case time. Rules packages are timed on the compiled batch path that
/// evaluations use, other kinds through <see cref="IRiskModel.Assess(Tma.Models.Cases.ResolvedCase)"/>.
/// </summary>
internal static class LatencyProbe
{
    public const int MaxCases = 2_000;

    public const int Repetitions = 7;

    public static (LatencyMeasurement? Value, string? Reason) Measure(ModelPackage candidate, ModelPackage baseline, string dataPath, EvaluationOptions options)
    {
        var c = Prepare(candidate, dataPath, options);
        var b = Prepare(baseline, dataPath, options);
        if (c.Run is null || b.Run is null)
        {
            return (null, c.Reason ?? b.Reason);
        }

        var cases = Math.Min(c.Cases, b.Cases);
        if (cases == 0)
        {
            return (null, "the dataset has no rows both models can read");
        }

        var sink = c.Run(cases) + b.Run(cases);
        var candidateTimes = new double[Repetitions];
        var baselineTimes = new double[Repetitions];
        for (var r = 0; r < Repetitions; r++)
        {
            // Alternate which model goes first, so a drift of the machine's speed affects both alike.
            if (r % 2 == 0)
            {
                baselineTimes[r] = Time(b.Run, cases, ref sink);
                candidateTimes[r] = Time(c.Run, cases, ref sink);
            }
            else
            {
                candidateTimes[r] = Time(c.Run, cases, ref sink);
                baselineTimes[r] = Time(b.Run, cases, ref sink);
            }
        }

        GC.KeepAlive(sink);
        return (new LatencyMeasurement(cases, Repetitions, Median(candidateTimes), Median(baselineTimes)), null);
    }

    private static double Time(Func<int, double> run, int cases, ref double sink)
    {
        var start = Stopwatch.GetTimestamp();
        sink += run(cases);
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / cases;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Reads the first rows for one model and returns a function that scores the first n of them, summing the scores.</summary>
    private static (Func<int, double>? Run, int Cases, string? Reason) Prepare(ModelPackage package, string dataPath, EvaluationOptions options)
    {
        var open = DatasetReader.Open(dataPath, package.Definition, options.ReadOptions);
        if (open.Value is not { } reader)
        {
            return (null, 0, $"the dataset cannot be read for `{package.Definition.Id}` a second time for timing");
        }

        using (reader)
        {
            if (package.Definition.Kind == ModelKind.Rules)
            {
                var scorer = RiskModelCompiler.CompileBatch(package);
                var values = new List<double?[]>();
                var relevance = new List<double?[]>();
                while (values.Count < MaxCases && reader.MoveNext())
                {
                    values.Add(reader.Current.Values.ToArray());
                    relevance.Add(reader.Current.Relevance.ToArray());
                }

                return (n =>
                {
                    var sum = 0.0;
                    for (var i = 0; i < n; i++)
                    {
                        sum += scorer.Score(values[i], relevance[i]).Score;
                    }

                    return sum;
                }, values.Count, null);
            }

            var model = RiskModelCompiler.Compile(package, options: RiskModelOptions.Default.WithClassifiers());
            var resolved = new List<Tma.Models.Cases.ResolvedCase>();
            while (resolved.Count < MaxCases && reader.MoveNext())
            {
                resolved.Add(reader.Current.ToResolvedCase());
            }

            return (n =>
            {
                var sum = 0.0;
                for (var i = 0; i < n; i++)
                {
                    sum += model.Assess(resolved[i]).Score;
                }

                return sum;
            }, resolved.Count, null);
        }
    }
}
