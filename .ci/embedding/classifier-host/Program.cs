// The classifier host of .ci/embedding-test.sh: the rules-only host plus Tma.Scoring.Classifiers (ML.NET).
// Copied into a temporary folder and built there against the packed packages; never built in the work tree.
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Tma.Models.Cases;
using Tma.Models.Diagnostics;
using Tma.Models.Packaging;
using Tma.Scoring;
using Tma.Scoring.Assessments;
using Tma.Scoring.Classifiers;
using Tma.Scoring.Hosting;

var (folder, registryFolder, publicKey, casePath, reference) = (args[0], args[1], args[2], args[3], args[4]);
var facts = CaseReader.ReadFile(casePath).GetValueOrThrow();
var package = ModelPackage.Load(folder).GetValueOrThrow();

// The classifier kind is opt-in: without WithClassifiers() the package is refused (TMA0063).
try
{
    _ = RiskModelCompiler.Compile(package);
    Console.WriteLine("without-classifiers compiled");
}
catch (ModelLoadException ex)
{
    Console.WriteLine($"without-classifiers refused {string.Join(",", ex.Diagnostics.Select(d => d.Code))}");
}

var model = RiskModelCompiler.Compile(package, options: RiskModelOptions.Default.WithClassifiers());
Console.WriteLine(Describe("direct", model.Assess(facts)));

// The registry compiles classifiers when the kind is registered in its options.
var services = new ServiceCollection();
services.AddTmaScoring(options =>
{
    options.PackageDirectory = registryFolder;
    options.TrustedPublicKeyFiles.Add(publicKey);
    options.WatchForChanges = false;
    options.Kinds.Add(ClassifierKind.Instance);
});
await using var provider = services.BuildServiceProvider();
var registry = provider.GetRequiredService<ModelRegistry>();
await registry.StartAsync();
var hosted = await registry.AssessAsync(reference, facts);
Console.WriteLine($"{Describe("registry", hosted)} {registry.Models[0].SignedBy}");

static string Describe(string how, Assessment a) => string.Create(CultureInfo.InvariantCulture,
    $"{how} {a.Model.Id} {a.Model.Version} {a.Conclusion.ToString().ToLowerInvariant()} {a.Level ?? "-"} {a.Probability:F3} {a.Model.ContentHash}");
