using BenchmarkDotNet.Attributes;
using Tma.Models.Packaging;
using Tma.Research.Datasets;
using Tma.Research.Synthesis;
using Tma.Scoring;
using Tma.Scoring.FastPath;

namespace Tma.Benchmarks;

/// <summary>
/// Batch throughput over 1,000,000 rows of <c>tma synth</c> data for the bench-40 package, CSV parsing included and
/// excluded. Every row is timed per data row (<c>OperationsPerInvoke</c> = 1,000,000), so Mean is the time per row and
/// rows per second = 1 s / Mean. Baseline: reading the CSV only (<see cref="DatasetReader"/>: parse, check and convert
/// every cell). The read + score row is what <c>tma evaluate</c> does per row for a rules model (the reader's row
/// scored by <see cref="IBatchScorer.Score"/>); the score-only row scores the same rows preloaded into dense arrays
/// with one <see cref="IBatchScorer.ScoreBatch"/> call.
/// </summary>
[MemoryDiagnoser]
public class DatasetBatchBenchmarks
{
    private const int Rows = 1_000_000;
    private ModelPackage _package = null!;
    private IBatchScorer _scorer = null!;
    private string _path = "";
    private double?[] _values = null!;
    private double?[] _relevance = null!;
    private double[] _scores = null!;
    private int[] _ranks = null!;

    [GlobalSetup]
    public void Setup()
    {
        _package = ModelPackage.Load(RepositoryPaths.Bench40).GetValueOrThrow();
        _scorer = RiskModelCompiler.CompileBatch(_package);
        _path = Path.Combine(Path.GetTempPath(), $"tma-bench40-synth-{Environment.ProcessId}.csv");
        SyntheticDataset.WriteFile(_package.Definition, new SyntheticOptions { Rows = Rows, Seed = 1 }, _path);

        // Preload the rows for the score-only benchmark, in the reader's dense row-major layout.
        var width = _scorer.InputCount;
        _values = new double?[Rows * width];
        _relevance = new double?[Rows * width];
        _scores = new double[Rows];
        _ranks = new int[Rows];
        using (var reader = Open())
        {
            var row = 0;
            while (reader.MoveNext())
            {
                if (row == Rows)
                {
                    throw new InvalidOperationException($"{_path} has more than {Rows} rows.");
                }

                reader.Current.Values.CopyTo(_values.AsSpan(row * width, width));
                reader.Current.Relevance.CopyTo(_relevance.AsSpan(row * width, width));
                row++;
            }

            Check(reader, row);
        }

        // Both scoring rows must give the same score and level on every row before anything is timed.
        _scorer.ScoreBatch(_values, _relevance, _scores, _ranks);
        var scores = (double[])_scores.Clone();
        var ranks = (int[])_ranks.Clone();
        Array.Clear(_scores);
        Array.Clear(_ranks);
        if (ReadAndScore() != Rows)
        {
            throw new InvalidOperationException("Read + score did not score every row.");
        }

        for (var row = 0; row < Rows; row++)
        {
            if (scores[row] != _scores[row] || ranks[row] != _ranks[row])
            {
                throw new InvalidOperationException($"Row {row + 1}: preloaded batch {(scores[row], ranks[row])}, read + score {(_scores[row], _ranks[row])}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (File.Exists(_path))
        {
            File.Delete(_path);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Read CSV only (DatasetReader), per row")]
    public double ReadOnly()
    {
        using var reader = Open();
        var sum = 0.0;
        while (reader.MoveNext())
        {
            sum += reader.Current.Values[0] ?? 0;
        }

        Check(reader, reader.RowCount);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows, Description = "Read CSV + score (IBatchScorer.Score per row), per row")]
    public int ReadAndScore()
    {
        using var reader = Open();
        var row = 0;
        while (reader.MoveNext())
        {
            var result = _scorer.Score(reader.Current.Values, reader.Current.Relevance);
            _scores[row] = result.Score;
            _ranks[row] = result.LevelRank;
            row++;
        }

        Check(reader, row);
        return row;
    }

    [Benchmark(OperationsPerInvoke = Rows, Description = "Score only, rows in memory (IBatchScorer.ScoreBatch), per row")]
    public int ScoreOnly() => _scorer.ScoreBatch(_values, _relevance, _scores, _ranks);

    private DatasetReader Open() => DatasetReader.Open(_path, _package.Definition).GetValueOrThrow();

    private void Check(DatasetReader reader, int rows)
    {
        if (reader.Stopped || reader.BadRowCount != 0 || rows != Rows)
        {
            throw new InvalidOperationException($"{_path}: read {rows} of {Rows} rows; {string.Join("; ", reader.Errors)}");
        }
    }
}
