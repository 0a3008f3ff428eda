// The rules-only host of .ci/embedding-test.sh: references Tma.Scoring and Tma.Scoring.Hosting only (no ML.NET).
// Copied into a temporary folder and built there against the packed packages; never built in the work tree.
using Microsoft.Extensions.DependencyInjection;
using Tma.Models.Cases;
using Tma.Models.Diagnostics;
using Tma.Scoring;
using Tma.Scoring.Hosting;

var (folder, registryFolder, publicKey, casePath, reference, classifierFolder) = (args[0], args[1], args[2], args[3], args[4], args[5]);
var facts = CaseReader.ReadFile(casePath).GetValueOrThrow();

// The smallest embedding: compile a package folder once, assess cases.
var model = RiskModelCompiler.Load(folder);
var direct = model.Assess(facts);
Console.WriteLine($"direct {direct.Model.Id} {direct.Model.Version} {direct.Level} {direct.Model.ContentHash}");

// A host with dependency injection: signed archives, verified against the release key, resolved by range.
var services = new ServiceCollection();
services.AddTmaScoring(options =>
{
    options.PackageDirectory = registryFolder;
    options.TrustedPublicKeyFiles.Add(publicKey);
    options.WatchForChanges = false;
});
await using var provider = services.BuildServiceProvider();
var registry = provider.GetRequiredService<ModelRegistry>();
await registry.StartAsync();
var hosted = await registry.AssessAsync(reference, facts);
Console.WriteLine($"registry {hosted.Model.Id} {hosted.Model.Version} {hosted.Level} {hosted.Model.ContentHash} {registry.Models[0].SignedBy}");

// Without Tma.Scoring.Classifiers a classifier package is refused with a located error, not a missing assembly.
try
{
    _ = RiskModelCompiler.Load(classifierFolder);
    Console.WriteLine("classifier compiled");
}
catch (ModelLoadException ex)
{
    Console.WriteLine($"classifier refused {string.Join(",", ex.Diagnostics.Select(d => d.Code))}");
}

Console.WriteLine($"engine {EngineInfo.Version}");
