using BenchmarkDotNet.Attributes;
using Tma.Models.Cases;
using Tma.Scoring;
using Tma.Scoring.FastPath;

namespace Tma.Benchmarks;

/// <summary>
/// Assessing an example case of two shipped models on both paths, and the allocations per assessment. The baseline
/// is the part every assessment pays anyway, resolving the case against the model. workplace-violence-screening has
/// temporal helpers, so its automatic path is NRules; warning-behaviours-triage has none and runs compiled.
/// </summary>
[MemoryDiagnoser]
public class ReferenceModelBenchmarks
{
    private IRiskModel _auto = null!;
    private IRiskModel _nrules = null!;
    private CaseData _case = null!;

    [Params("workplace-violence-screening", "warning-behaviours-triage")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var package = Path.Combine(RepositoryPaths.Models, Model);
        _auto = RiskModelCompiler.Load(package);
        _nrules = RiskModelCompiler.Load(package, options: new RiskModelOptions { Path = EvaluationPath.NRules });
        var example = Directory.GetFiles(Path.Combine(package, "examples"), "*.yaml").Order(StringComparer.Ordinal).First();
        _case = CaseReader.ReadFile(example).GetValueOrThrow();
    }

    [Benchmark(Baseline = true, Description = "Resolve case (baseline)")]
    public object Resolve() => CaseResolver.Resolve(_auto.Definition, _case);

    [Benchmark(Description = "Assess one case, auto path")]
    public object Assess() => _auto.Assess(_case);

    [Benchmark(Description = "Assess one case, forced NRules path")]
    public object AssessNRules() => _nrules.Assess(_case);
}
