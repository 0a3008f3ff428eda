using System.Diagnostics;
using System.Text;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Tma.Cli.Tests;

/// <summary>
/// The CI templates in docs/ci run as their CI system would run them, on a sample model repository: the gate job
/// installs the pinned tma tool from a NuGet folder, validates the candidate, fetches the released baseline from a
/// feed (a local folder behind a <c>file://</c> URL) and gates it; the release job packs, signs, verifies and publishes
/// into the feed. Steps are taken from the template files themselves, so the test and the templates cannot drift.
/// What it cannot run: third-party actions (<c>uses:</c>), which only check out, set up .NET and upload reports.
/// </summary>
public sealed class CiTemplateRunTests(ModelRepositoryFixture repository) : IClassFixture<ModelRepositoryFixture>
{
    private const string Model = "warning-behaviours-triage";

    [SkippableFact]
    public void The_github_workflow_gates_against_the_last_release_then_packs_signs_and_publishes()
    {
        var sample = repository.NewSample();
        var workflow = Load("model-release.yml");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vars.TMA_MODEL_FEED"] = sample.FeedUrl,
            ["vars.TMA_MODEL_FEED_DIR"] = sample.Feed,
            ["vars.TMA_NUGET_SOURCE"] = repository.ToolSource,
            ["secrets.TMA_RELEASE_KEY"] = File.ReadAllText(repository.PrivateKey),
        };
        var runner = new GitHubRunner(sample.Root, variables, WithPackageCache(Environment(workflow, "env", variables), sample));

        foreach (var job in new[] { "gate", "release" })
        {
            runner.RunJob(Job(workflow, job));
        }

        AssertReleased(sample);
        Assert.Contains("**Passed.**", File.ReadAllText(runner.StepSummary), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(sample.Root, "gate.xml")));
    }

    [SkippableFact]
    public void The_gitlab_pipeline_gates_against_the_last_release_then_packs_signs_and_publishes()
    {
        var sample = repository.NewSample();
        var pipeline = Load("model-release.gitlab-ci.yml");
        var keyFile = Path.Combine(sample.Scratch, "TMA_RELEASE_KEY");
        File.Copy(repository.PrivateKey, keyFile);
        var variables = Environment(pipeline, "variables", new Dictionary<string, string>(StringComparer.Ordinal));
        variables["CI_PROJECT_DIR"] = sample.Root;
        variables["TMA_MODEL_FEED"] = sample.FeedUrl;
        variables["TMA_MODEL_FEED_DIR"] = sample.Feed;
        variables["TMA_NUGET_SOURCE"] = repository.ToolSource;
        variables["TMA_RELEASE_KEY"] = keyFile; // a "File" variable holds the path of the file
        WithPackageCache(variables, sample);
        var beforeScript = Lines(((YamlMappingNode)Key(pipeline, "default"))["before_script"]);

        foreach (var job in new[] { "gate", "release" })
        {
            var definition = Job(pipeline, job);
            var script = beforeScript.Concat(Lines(definition["script"]));
            var run = Shell.Run(sample.Root, string.Join('\n', script), variables);
            Assert.True(run.Exit == 0, $"GitLab job {job} failed ({run.Exit}):\n{run.Output}");
            if (definition.Children.TryGetValue(new YamlScalarNode("after_script"), out var after))
            {
                Assert.Equal(0, Shell.Run(sample.Root, string.Join('\n', Lines(after)), variables).Exit);
            }
        }

        AssertReleased(sample);
        Assert.True(File.Exists(Path.Combine(sample.Root, "gate.xml")));
    }

    [SkippableFact]
    public void A_baseline_whose_signature_does_not_verify_fails_the_gate_job_and_nothing_is_released()
    {
        var sample = repository.NewSample();
        var released = Path.Combine(sample.Feed, $"{Model}-1.0.0.tmapkg");
        var otherKey = Path.Combine(sample.Scratch, "other");
        Assert.Equal(0, Cli.Run("keygen", "--out", otherKey).Exit);
        File.Delete(released + ".sig");
        Assert.Equal(0, Cli.Run("sign", released, "--key", otherKey + ".private.pem").Exit);
        var workflow = Load("model-release.yml");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vars.TMA_MODEL_FEED"] = sample.FeedUrl,
            ["vars.TMA_MODEL_FEED_DIR"] = sample.Feed,
            ["vars.TMA_NUGET_SOURCE"] = repository.ToolSource,
        };
        var runner = new GitHubRunner(sample.Root, variables, WithPackageCache(Environment(workflow, "env", variables), sample));

        var failed = Assert.Throws<StepFailedException>(() => runner.RunJob(Job(workflow, "gate")));

        Assert.Equal("Gate", failed.Step);
        Assert.Equal(2, failed.Exit);
        Assert.Contains("<error", File.ReadAllText(Path.Combine(sample.Root, "gate.xml")), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(sample.Feed), f => f.Contains("-2.", StringComparison.Ordinal));
    }

    [Fact]
    public void Both_templates_pin_the_tma_version_this_repository_builds()
    {
        var built = ModelRepositoryFixture.ToolVersion();

        Assert.Equal(built, ((YamlScalarNode)((YamlMappingNode)Key(Load("model-release.yml"), "env"))["TMA_VERSION"]).Value);
        Assert.Equal(built, ((YamlScalarNode)((YamlMappingNode)Key(Load("model-release.gitlab-ci.yml"), "variables"))["TMA_VERSION"]).Value);
    }

    private static void AssertReleased(ModelRepositoryFixture.Sample sample)
    {
        var candidate = $"{Model}-2.0.0.tmapkg";
        Assert.True(File.Exists(Path.Combine(sample.Feed, candidate)), "the release was not published");
        Assert.True(File.Exists(Path.Combine(sample.Feed, candidate + ".sig")), "the release's signature was not published");
        Assert.Empty(Directory.GetFiles(sample.Feed, "*.partial"));
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.Feed, "index.json")));
        var versions = index.RootElement.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("version").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["1.0.0", "2.0.0"], versions);
        var verify = Cli.Run("verify", Path.Combine(sample.Feed, candidate), "--key", Path.Combine(sample.Root, "keys", "release.public.pem"));
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
    }

    private static Dictionary<string, string> WithPackageCache(Dictionary<string, string> environment, ModelRepositoryFixture.Sample sample)
    {
        environment["NUGET_PACKAGES"] = sample.NuGetPackages;
        return environment;
    }

    private static YamlMappingNode Load(string template)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Repository.Path("docs", "ci", template));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlNode Key(YamlMappingNode map, string key) => map[new YamlScalarNode(key)];

    private static YamlMappingNode Job(YamlMappingNode root, string job) =>
        root.Children.TryGetValue(new YamlScalarNode("jobs"), out var jobs) ? (YamlMappingNode)((YamlMappingNode)jobs)[job] : (YamlMappingNode)root[job];

    private static IEnumerable<string> Lines(YamlNode node) =>
        node is YamlSequenceNode sequence ? sequence.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? "") : [((YamlScalarNode)node).Value ?? ""];

    /// <summary>A mapping of variables (<c>env:</c> or <c>variables:</c>) with GitHub expressions replaced.</summary>
    private static Dictionary<string, string> Environment(YamlMappingNode node, string key, IReadOnlyDictionary<string, string> expressions)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node.Children.TryGetValue(new YamlScalarNode(key), out var section))
        {
            foreach (var (name, value) in ((YamlMappingNode)section).Children)
            {
                result[((YamlScalarNode)name).Value!] = GitHubRunner.Expand(((YamlScalarNode)value).Value ?? "", expressions);
            }
        }

        return result;
    }

    /// <summary>A step's script exited non-zero.</summary>
    private sealed class StepFailedException(string step, int exit, string output) : Exception($"step `{step}` exited {exit}:\n{output}")
    {
        public string Step { get; } = step;

        public int Exit { get; } = exit;
    }

    /// <summary>
    /// Runs the <c>run:</c> steps of a GitHub Actions job as the runner does: <c>bash --noprofile --norc -eo pipefail</c>,
    /// workflow, job and step <c>env</c>, <c>$GITHUB_ENV</c> and <c>$GITHUB_PATH</c> carried to later steps,
    /// <c>$GITHUB_STEP_SUMMARY</c> and <c>$RUNNER_TEMP</c>. Steps with <c>uses:</c> are third-party actions and are skipped.
    /// </summary>
    private sealed class GitHubRunner
    {
        private readonly string _workspace;
        private readonly IReadOnlyDictionary<string, string> _expressions;
        private readonly Dictionary<string, string> _environment;
        private readonly string _temp;

        public GitHubRunner(string workspace, IReadOnlyDictionary<string, string> expressions, Dictionary<string, string> workflowEnvironment)
        {
            _workspace = workspace;
            _expressions = expressions;
            _environment = workflowEnvironment;
            _temp = Directory.CreateTempSubdirectory("tma-runner-").FullName;
            StepSummary = Path.Combine(_temp, "summary.md");
            File.WriteAllText(StepSummary, "");
        }

        public string StepSummary { get; }

        public static string Expand(string text, IReadOnlyDictionary<string, string> expressions) =>
            System.Text.RegularExpressions.Regex.Replace(text, @"\$\{\{\s*([A-Za-z0-9_.]+)\s*\}\}", m => expressions.TryGetValue(m.Groups[1].Value, out var v) ? v : "");

        public void RunJob(YamlMappingNode job)
        {
            var path = new List<string>();
            var carried = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var step in ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>())
            {
                if (!step.Children.TryGetValue(new YamlScalarNode("run"), out var run))
                {
                    continue;
                }

                var name = step.Children.TryGetValue(new YamlScalarNode("name"), out var n) ? ((YamlScalarNode)n).Value! : "(unnamed)";
                var githubEnv = Path.Combine(_temp, "env");
                var githubPath = Path.Combine(_temp, "path");
                File.WriteAllText(githubEnv, "");
                File.WriteAllText(githubPath, "");
                var environment = new Dictionary<string, string>(_environment, StringComparer.Ordinal);
                foreach (var (key, value) in Environment(job, "env", _expressions).Concat(carried).Concat(Environment(step, "env", _expressions)))
                {
                    environment[key] = value;
                }

                environment["RUNNER_TEMP"] = _temp;
                environment["GITHUB_ENV"] = githubEnv;
                environment["GITHUB_PATH"] = githubPath;
                environment["GITHUB_STEP_SUMMARY"] = StepSummary;
                environment["PATH"] = string.Join(':', path.AsEnumerable().Reverse().Append(System.Environment.GetEnvironmentVariable("PATH") ?? ""));
                var result = Shell.Run(_workspace, Expand(((YamlScalarNode)run).Value ?? "", _expressions), environment);
                if (result.Exit != 0)
                {
                    throw new StepFailedException(name, result.Exit, result.Output);
                }

                foreach (var line in File.ReadAllLines(githubEnv).Where(l => l.Contains('=', StringComparison.Ordinal)))
                {
                    carried[line[..line.IndexOf('=', StringComparison.Ordinal)]] = line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..];
                }

                path.AddRange(File.ReadAllLines(githubPath).Where(l => l.Length > 0));
            }
        }
    }

    /// <summary>Runs a script with bash as the CI systems do (errexit, pipefail), bounded in time.</summary>
    private static class Shell
    {
        public static (int Exit, string Output) Run(string directory, string script, IReadOnlyDictionary<string, string> environment)
        {
            var start = new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            foreach (var argument in new[] { "--noprofile", "--norc", "-eo", "pipefail", "-c", script })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var output = new StringBuilder();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"script did not finish in 5 minutes:\n{script}");
            }

            output.Append(stdout.Result).Append(stderr.Result);
            return (process.ExitCode, output.ToString());
        }
    }
}
