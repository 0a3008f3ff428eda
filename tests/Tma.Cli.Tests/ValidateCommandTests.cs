namespace Tma.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public void Every_shipped_model_package_validates()
    {
        var packages = Directory.GetDirectories(Repository.Path("models"));

        var (exit, output, error) = Cli.Run(["validate", .. packages]);

        Assert.True(exit == 0, error);
        Assert.Equal(packages.Length, output.Split('\n').Count(l => l.StartsWith("ok  ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_broken_package_fails_with_located_messages_and_exit_code_2()
    {
        var dir = Directory.CreateTempSubdirectory("tma-validate-");
        File.WriteAllText(Path.Combine(dir.FullName, "model.yaml"), """
            id: broken
            version: 1.0.0
            title: Broken
            kind: rules
            inputs:
              - { id: fixation, type: presence }
            levels: [low, high]
            indicators:
              - { id: f, when: fixaton >= present, points: 1, reason: F }
            scoring:
              policy: sum
              bands: [ { level: low, to: 1 }, { level: high, from: 1 } ]
            """);

        var (exit, _, error) = Cli.Run("validate", dir.FullName);

        Assert.Equal(2, exit);
        Assert.Contains("model.yaml:9:20: error TMA0030: in the condition of indicator `f`: unknown input `fixaton` — did you mean `fixation`?", error, StringComparison.Ordinal);
        dir.Delete(recursive: true);
    }
}
