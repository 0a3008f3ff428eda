using BenchmarkDotNet.Attributes;
using Tma.Models.Packaging;
using Tma.Scoring;
using Tma.Scoring.FastPath;

namespace Tma.Benchmarks;

/// <summary>
/// Load + compile time of every shipped package and of bench-40. Baseline: loading alone (read, validate, hash the
/// package); the other rows add compilation on the automatic path, on the NRules path, and for batch scoring. The
/// target is an absolute one: load + compile (auto) under 250 ms.
/// </summary>
[MemoryDiagnoser]
public class LoadCompileBenchmarks
{
    private string _path = "";

    [Params("bench-40", "bullying-naqr", "crisis-screen-cssrs", "warning-behaviours-triage", "workplace-violence-screening")]
    public string Package { get; set; } = "";

    [GlobalSetup]
    public void Setup() =>
        _path = Package == "bench-40" ? RepositoryPaths.Bench40 : Path.Combine(RepositoryPaths.Models, Package);

    [Benchmark(Baseline = true, Description = "Load package (no compile)")]
    public object Load() => ModelPackage.Load(_path).GetValueOrThrow();

    [Benchmark(Description = "Load + compile, auto path")]
    public object LoadAndCompile() => RiskModelCompiler.Load(_path);

    [Benchmark(Description = "Load + compile, NRules path")]
    public object LoadAndCompileNRules() => RiskModelCompiler.Load(_path, options: new RiskModelOptions { Path = EvaluationPath.NRules });

    [Benchmark(Description = "Load + compile batch scorer")]
    public object LoadAndCompileBatch() => RiskModelCompiler.CompileBatch(ModelPackage.Load(_path).GetValueOrThrow());
}
