using Microsoft.Extensions.DependencyInjection;

namespace Tma.Scoring.Hosting.Tests;

[Collection(RegistryCollection.Name)]
public sealed class DependencyInjectionTests : IDisposable
{
    private readonly RegistryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Registration_reports_every_problem_of_the_options_at_once_and_registers_nothing()
    {
        var services = new ServiceCollection();
        void configure(ModelRegistryOptions options)
        {
            options.PackageDirectory = Path.Combine(_fixture.Packages, "does-not-exist");
            options.FeedUri = new Uri("ftp://models.example/");
            options.TrustedPublicKeys.Add("not a key");
            options.TrustedPublicKeyFiles.Add(Path.Combine(_fixture.Packages, "missing.public.pem"));
            options.RescanInterval = TimeSpan.FromSeconds(-1);
        }

        var error = Assert.Throws<RegistryOptionsException>(() => services.AddTmaScoring(configure));

        Assert.Collection(
            error.Problems,
            f => Assert.StartsWith("PackageDirectory: the folder", f, StringComparison.Ordinal),
            f => Assert.StartsWith("FeedUri: `ftp://models.example/` is not an absolute http or https address", f, StringComparison.Ordinal),
            f => Assert.StartsWith("TrustedPublicKeys[0]: no PEM block found", f, StringComparison.Ordinal),
            f => Assert.Contains("missing.public.pem` cannot be read", f, StringComparison.Ordinal),
            f => Assert.StartsWith("RescanInterval: must be positive", f, StringComparison.Ordinal));
        Assert.Empty(services); // nothing half-registered
    }

    [Fact]
    public void Options_without_a_source_or_a_trusted_key_are_refused()
    {
        var problems = ModelRegistryOptionsValidator.Validate(new ModelRegistryOptions());

        Assert.Equal(2, problems.Count);
        Assert.Contains("set at least one package source", problems[0], StringComparison.Ordinal);
        Assert.Contains("no trusted key is configured", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_cache_inside_the_package_folder_is_refused()
    {
        var options = _fixture.Options();
        options.CacheDirectory = Path.Combine(_fixture.Packages, "cache");

        var problems = ModelRegistryOptionsValidator.Validate(options);

        Assert.Contains("must not be inside PackageDirectory", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_constructor_validates_too()
    {
        var error = Assert.Throws<RegistryOptionsException>(() => new ModelRegistry(new ModelRegistryOptions()));

        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public async Task A_valid_configuration_gives_a_singleton_registry_using_the_containers_clock()
    {
        _fixture.Release("1.0.0");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_fixture.Time);
        services.AddTmaScoring(options =>
        {
            options.PackageDirectory = _fixture.Packages;
            options.TrustedPublicKeys.Add(_fixture.Key.ExportPublicKeyPem());
            options.WatchForChanges = false;
        });
        await using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<ModelRegistry>();
        var assessment = await registry.AssessAsync(_fixture.Id + "@^1", RegistryFixture.Case("present"));

        Assert.Same(registry, provider.GetRequiredService<ModelRegistry>());
        Assert.Equal(RegistryFixture.Now, assessment.AssessedAt);
    }
}
