using BenchmarkDotNet.Attributes;
using Tma.Models.Cases;
using Tma.Models.Packages;
using Tma.Scoring;

namespace Tma.Benchmarks;

/// <summary>
/// First numbers for the largest reference model: loading + compiling the package, and assessing one case. The
/// baseline is the part every assessment pays anyway, resolving the case against the model.
/// </summary>
[MemoryDiagnoser]
public class ReferenceModelBenchmarks
{
    private string _package = "";
    private IRiskModel _model = null!;
    private CaseData _case = null!;

    [Params("workplace-violence-screening", "warning-behaviours-triage")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _package = Path.Combine(RepositoryPaths.Models, Model);
        _model = RiskModelCompiler.Load(_package);
        var example = Directory.GetFiles(Path.Combine(_package, "examples"), "*.yaml").Order(StringComparer.Ordinal).First();
        _case = CaseReader.ReadFile(example).GetValueOrThrow();
    }

    [Benchmark(Baseline = true, Description = "Resolve case (baseline)")]
    public object Resolve() => CaseResolver.Resolve(_model.Definition, _case);

    [Benchmark(Description = "Assess one case (NRules)")]
    public object Assess() => _model.Assess(_case);

    [Benchmark(Description = "Load + compile package")]
    public object LoadAndCompile() => RiskModelCompiler.Load(_package);
}
