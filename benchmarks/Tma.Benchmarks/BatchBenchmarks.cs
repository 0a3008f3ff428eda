using BenchmarkDotNet.Attributes;
using Tma.Benchmarks.Bench40;
using Tma.Scoring;
using Tma.Scoring.FastPath;

namespace Tma.Benchmarks;

/// <summary>
/// Batch throughput over 1,000,000 in-memory rows of the 40-indicator package (scoring only: the rows are already
/// dense value arrays, as a dataset reader produces them). Baseline: the hand-written C# function, the floor. A Ratio
/// of 3 means "3 times the floor's time per row"; the target is at most 10.
/// </summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private const int Rows = 1_000_000;
    private const int Width = 23;
    private IBatchScorer _scorer = null!;
    private double?[] _values = null!;
    private double?[] _relevance = null!;
    private double[] _scores = null!;
    private int[] _ranks = null!;

    [GlobalSetup]
    public void Setup()
    {
        var fixture = new Bench40Fixture();
        _scorer = RiskModelCompiler.CompileBatch(fixture.Package);
        var cases = BenchCase.Generate(10_000, seed: 7);
        _values = new double?[Rows * Width];
        _relevance = new double?[Rows * Width];
        for (var row = 0; row < Rows; row++)
        {
            var c = cases[row % cases.Length];
            c.Values().CopyTo(_values, row * Width);
            c.Relevance().CopyTo(_relevance, row * Width);
        }

        _scores = new double[Rows];
        _ranks = new int[Rows];

        // The batch scorer and the floor must agree on every row before anything is timed.
        _scorer.ScoreBatch(_values, _relevance, _scores, _ranks);
        for (var row = 0; row < Rows; row++)
        {
            var plain = Bench40Plain.Score(_values.AsSpan(row * Width, Width), _relevance.AsSpan(row * Width, Width));
            if (Math.Round(plain.Score, 6) != _scores[row] || plain.Rank != _ranks[row])
            {
                throw new InvalidOperationException($"Row {row}: batch {(_scores[row], _ranks[row])}, plain C# {plain}.");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Plain C# function, 1M rows (floor)")]
    public double PlainCSharp()
    {
        var sum = 0.0;
        for (var row = 0; row < Rows; row++)
        {
            var (score, rank) = Bench40Plain.Score(_values.AsSpan(row * Width, Width), _relevance.AsSpan(row * Width, Width));
            _scores[row] = score;
            _ranks[row] = rank;
            sum += score;
        }

        return sum;
    }

    [Benchmark(Description = "IBatchScorer.ScoreBatch, 1M rows (compiled)")]
    public int CompiledBatch() => _scorer.ScoreBatch(_values, _relevance, _scores, _ranks);
}
