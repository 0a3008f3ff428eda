using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Tma.Models.Cases;
using Tma.Models.Packaging;
using Tma.Research.Datasets;
using Tma.Research.Evaluation.Scoring;
using Tma.Research.Synthesis;
using Tma.Scoring;
using Tma.Scoring.Classifiers;
using Tma.Scoring.FastPath;

namespace Tma.Benchmarks;

/// <summary>
/// What the shipped classifier (workplace-violence-classifier, ML.NET) costs against the rules model over the same
/// inputs (workplace-violence-screening). Two categories, each with its own baseline:
/// <list type="bullet">
/// <item><b>Per case</b>: <c>Assess</c> of the classifier's example cases (already resolved), per case. Baseline: the
/// rules model's <c>Assess</c> on the same cases — its automatic path is NRules, because the model has temporal helpers.</item>
/// <item><b>Batch</b>: a 100,000-row synthetic dataset (<c>tma synth</c> of the rules model), per row, CSV parsing
/// included. Baseline: the rules batch path as <c>tma evaluate</c> runs it (<see cref="DatasetReader"/> +
/// <see cref="IBatchScorer.Score"/> per row, compiled). The classifier scores the file through
/// <see cref="IDatasetScorer.ScoreDataset"/> (one ML.NET <c>Transform</c> over a streamed view).</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClassifierBenchmarks
{
    private const int ExampleCount = 4;
    private const int Rows = 100_000;
    private const int CheckedRows = 2_000;
    private IRiskModel _rules = null!;
    private IBatchScorer _rulesBatch = null!;
    private IRiskModel _classifier = null!;
    private IDatasetScorer _classifierDataset = null!;
    private ResolvedCase[] _rulesCases = null!;
    private ResolvedCase[] _classifierCases = null!;
    private string _path = "";
    private DatasetReadOptions _classifierRead = DatasetReadOptions.Default;
    private double[] _scores = null!;
    private int[] _ranks = null!;
    private bool[] _outcomes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rulesPackage = ModelPackage.Load(Path.Combine(RepositoryPaths.Models, "workplace-violence-screening")).GetValueOrThrow();
        var classifierFolder = Path.Combine(RepositoryPaths.Models, "workplace-violence-classifier");
        var classifierPackage = ModelPackage.Load(classifierFolder).GetValueOrThrow();
        _rules = RiskModelCompiler.Compile(rulesPackage);
        _rulesBatch = RiskModelCompiler.CompileBatch(rulesPackage);
        _classifier = RiskModelCompiler.Compile(classifierPackage, options: RiskModelOptions.Default.WithClassifiers());
        _classifierDataset = DatasetScorers.For(_classifier) ?? throw new InvalidOperationException("The classifier has no dataset scorer.");

        var examples = Directory.GetFiles(Path.Combine(classifierFolder, "examples"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(file => CaseReader.ReadFile(file).GetValueOrThrow()).ToArray();
        if (examples.Length != ExampleCount)
        {
            throw new InvalidOperationException($"Expected {ExampleCount} classifier examples (OperationsPerInvoke), found {examples.Length}.");
        }

        _rulesCases = [.. examples.Select(c => CaseResolver.Resolve(_rules.Definition, c).GetValueOrThrow())];
        _classifierCases = [.. examples.Select(c => CaseResolver.Resolve(_classifier.Definition, c).GetValueOrThrow())];
        for (var k = 0; k < ExampleCount; k++)
        {
            if (_classifier.Assess(_classifierCases[k]).Engine != "mlnet")
            {
                throw new InvalidOperationException("The classifier did not assess on its ML.NET path.");
            }

            _rules.Assess(_rulesCases[k]);
        }

        _path = Path.Combine(Path.GetTempPath(), $"tma-wv-synth-{Environment.ProcessId}.csv");
        SyntheticDataset.WriteFile(rulesPackage.Definition, new SyntheticOptions { Rows = Rows, Seed = 1 }, _path);
        // The rows are synthesised from the screening model, which has inputs the classifier does not use.
        _classifierRead = new DatasetReadOptions
        {
            IgnoredColumns = rulesPackage.Definition.Inputs.Select(i => i.Id).Except(classifierPackage.Definition.Inputs.Select(i => i.Id)).ToHashSet(StringComparer.Ordinal),
        };
        _scores = new double[Rows];
        _ranks = new int[Rows];
        _outcomes = new bool[Rows];

        // Both batch paths must score every row, and agree with Assess of the same model on the first rows.
        var classified = _classifierDataset.ScoreDataset(_path, _classifierRead).GetValueOrThrow();
        if (classified.Count != Rows || RulesBatch() != Rows)
        {
            throw new InvalidOperationException($"Scored {classified.Count} rows on the classifier and not every row on the rules path; expected {Rows}.");
        }

        using var reader = DatasetReader.Open(_path, _rules.Definition).GetValueOrThrow();
        // The classifier reads the same rows against its own inputs (a case resolved for one model is not one for another).
        using var classifierReader = DatasetReader.Open(_path, _classifier.Definition, _classifierRead).GetValueOrThrow();
        for (var row = 0; row < CheckedRows && reader.MoveNext() && classifierReader.MoveNext(); row++)
        {
            var rules = _rules.Assess(reader.Current.ToResolvedCase());
            if (rules.Score != _scores[row] || rules.LevelRank != _ranks[row])
            {
                throw new InvalidOperationException($"Row {row + 1}: rules Assess {(rules.Score, rules.LevelRank)}, rules batch {(_scores[row], _ranks[row])}.");
            }

            var classifier = _classifier.Assess(classifierReader.Current.ToResolvedCase());
            if (classifier.Score != classified.Scores[row] || classifier.LevelRank != classified.LevelRanks[row])
            {
                throw new InvalidOperationException($"Row {row + 1}: classifier Assess {(classifier.Score, classifier.LevelRank)}, ScoreDataset {(classified.Scores[row], classified.LevelRanks[row])}.");
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

    [BenchmarkCategory("Per case"), Benchmark(Baseline = true, OperationsPerInvoke = ExampleCount, Description = "Rules Assess (workplace-violence-screening, NRules path), per case")]
    public double RulesAssess()
    {
        var sum = 0.0;
        foreach (var c in _rulesCases)
        {
            sum += _rules.Assess(c).Score;
        }

        return sum;
    }

    [BenchmarkCategory("Per case"), Benchmark(OperationsPerInvoke = ExampleCount, Description = "Classifier Assess (workplace-violence-classifier, ML.NET), per case")]
    public double ClassifierAssess()
    {
        var sum = 0.0;
        foreach (var c in _classifierCases)
        {
            sum += _classifier.Assess(c).Score;
        }

        return sum;
    }

    [BenchmarkCategory("Batch 100k rows"), Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Rules batch: read CSV + IBatchScorer.Score (compiled), per row")]
    public int RulesBatch()
    {
        using var reader = DatasetReader.Open(_path, _rules.Definition).GetValueOrThrow();
        var row = 0;
        while (reader.MoveNext())
        {
            var result = _rulesBatch.Score(reader.Current.Values, reader.Current.Relevance);
            _scores[row] = result.Score;
            _ranks[row] = result.LevelRank;
            _outcomes[row] = reader.Current.Outcome;
            row++;
        }

        return reader.Stopped ? -1 : row;
    }

    [BenchmarkCategory("Batch 100k rows"), Benchmark(OperationsPerInvoke = Rows, Description = "Classifier batch: IDatasetScorer.ScoreDataset (ML.NET), per row")]
    public int ClassifierBatch() => _classifierDataset.ScoreDataset(_path, _classifierRead).GetValueOrThrow().Count;

    [BenchmarkCategory("Batch 100k rows"), Benchmark(OperationsPerInvoke = Rows, Description = "Read CSV only (DatasetReader), per row")]
    public int ReadOnly()
    {
        using var reader = DatasetReader.Open(_path, _rules.Definition).GetValueOrThrow();
        while (reader.MoveNext())
        {
        }

        return reader.Stopped ? -1 : reader.RowCount;
    }
}
