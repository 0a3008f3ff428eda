using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Tma.Cli.Tests;

/// <summary>
/// The container recipe (Dockerfile, compose.yaml) keeps its hardening and names only settings the host knows.
/// Running the recipe is .ci/container-test.sh's job (no container runtime here); this checks what a reviewer would.
/// </summary>
public sealed partial class ContainerRecipeTests
{
    private static readonly string[] Dockerfile = File.ReadAllLines(Repository.Path("Dockerfile"));

    [Fact]
    public void The_image_is_built_in_an_sdk_stage_and_runs_on_the_aspnet_runtime_as_the_non_root_user()
    {
        var stages = Dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        var runtime = Dockerfile.SkipWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal) || !l.Contains("AS runtime", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, stages.Count);
        Assert.Contains("dotnet/sdk:", stages[0], StringComparison.Ordinal);
        Assert.Contains("dotnet/aspnet:", stages[1], StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", runtime);
        Assert.DoesNotContain(runtime, l => l.StartsWith("USER root", StringComparison.Ordinal) || l == "USER 0");
        Assert.Contains(runtime, l => l.StartsWith("ENTRYPOINT [\"dotnet\", \"/app/tma.dll\", \"serve\"]", StringComparison.Ordinal));
        // Models ship separately from the application: the image never contains a model package.
        Assert.DoesNotContain(Dockerfile, l => l.StartsWith("COPY", StringComparison.Ordinal) && l.Contains("models", StringComparison.Ordinal));
    }

    [Fact]
    public void The_host_service_is_read_only_without_capabilities_and_on_loopback()
    {
        var tma = Service("tma");

        Assert.Equal("true", Scalar(tma, "read_only"));
        Assert.Contains("/tmp", Sequence(tma, "tmpfs"));
        Assert.Equal(["ALL"], Sequence(tma, "cap_drop"));
        Assert.Contains("no-new-privileges:true", Sequence(tma, "security_opt"));
        Assert.All(Sequence(tma, "ports"), p => Assert.StartsWith("127.0.0.1:", p, StringComparison.Ordinal));
        Assert.Contains("./models:/models:ro", Sequence(tma, "volumes"));
    }

    [Fact]
    public void The_host_starts_after_the_migration_which_waits_for_a_healthy_database()
    {
        var tmaDependsOn = (YamlMappingNode)Service("tma").Children["depends_on"];
        var migrateDependsOn = (YamlMappingNode)Service("migrate").Children["depends_on"];

        Assert.Equal("service_completed_successfully", Scalar((YamlMappingNode)tmaDependsOn.Children["migrate"], "condition"));
        Assert.Equal("service_healthy", Scalar((YamlMappingNode)migrateDependsOn.Children["postgres"], "condition"));
        Assert.True(Service("postgres").Children.ContainsKey("healthcheck"));
    }

    [Fact]
    public void No_password_is_written_into_the_recipe()
    {
        var compose = File.ReadAllText(Repository.Path("compose.yaml"));

        foreach (Match password in PasswordValue().Matches(compose))
        {
            Assert.Equal("${TMA_DB_PASSWORD:?set TMA_DB_PASSWORD}", password.Groups["value"].Value);
        }

        Assert.NotEmpty(PasswordValue().Matches(compose));
    }

    [Fact]
    public void Every_host_setting_the_recipe_sets_is_a_documented_setting()
    {
        var documented = DocumentedKey().Matches(File.ReadAllText(Repository.Path("docs", "host-api.md")))
            .Select(m => m.Groups["key"].Value.Replace("<tma role>", "", StringComparison.Ordinal).TrimEnd(':'))
            .ToHashSet(StringComparer.Ordinal);
        var environment = ((YamlMappingNode)Service("tma").Children["environment"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!)
            .Concat(Dockerfile.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal) || l.StartsWith("    Tma__", StringComparison.Ordinal))
                .SelectMany(l => EnvironmentKey().Matches(l).Select(m => m.Value)))
            .Where(k => k.StartsWith("Tma__", StringComparison.Ordinal))
            .ToList();

        Assert.Contains("Tma__Store", environment);
        Assert.Contains("Tma__Postgres", environment);
        Assert.All(environment, key => Assert.Contains(key.Replace("__", ":", StringComparison.Ordinal), documented));
    }

    private static YamlMappingNode Service(string name)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Repository.Path("compose.yaml")))
        {
            yaml.Load(reader);
        }

        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children["services"];
        return (YamlMappingNode)services.Children[name];
    }

    private static string? Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[key]).Value;

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)node.Children[key]).Children.Select(c => ((YamlScalarNode)c).Value!)];

    [GeneratedRegex(@"(?:Password=|POSTGRES_PASSWORD: )(?<value>\$\{[^}]*\}|[^;""\s]+)")]
    private static partial Regex PasswordValue();

    [GeneratedRegex(@"^\| `(?<key>Tma:[^`]+)`", RegexOptions.Multiline)]
    private static partial Regex DocumentedKey();

    [GeneratedRegex(@"Tma__[A-Za-z_]+(?==)")]
    private static partial Regex EnvironmentKey();
}
