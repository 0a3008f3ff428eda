using Tma.Models.Packaging;
using Tma.Research.Synthesis;
using Tma.Research.Training;

namespace Tma.Research.Tests.Training;

/// <summary>
/// The steps of <see cref="ClassifierFixtures"/> that need Tma.Research: synthetic rows for the base model and training.
/// Tma.Scoring.Classifiers.Tests compiles this file too (a linked source: test projects do not reference each other).
/// </summary>
internal static class ClassifierTraining
{
    /// <summary>Synthetic rows for the base model in folder <c>base</c>.</summary>
    public static (string Path, SyntheticTruth Truth) Data(this ClassifierFixtures fixtures, SyntheticOptions options, string name = "data.csv")
    {
        var path = fixtures.PathOf(name);
        var truth = SyntheticDataset.WriteFile(ModelPackage.Load(fixtures.PathOf("base")).GetValueOrThrow().Definition, options, path);
        return (path, truth);
    }

    public static TrainingSpec ReadSpec(this ClassifierFixtures fixtures, string path)
    {
        _ = fixtures;
        var spec = TrainingSpecReader.ReadFile(path);
        Assert.True(spec.Succeeded, string.Join(Environment.NewLine, spec.Diagnostics));
        return spec.Value!;
    }

    public static TrainedClassifier Train(this ClassifierFixtures fixtures, string specPath, string dataPath)
    {
        var trained = ClassifierTrainer.Train(fixtures.ReadSpec(specPath), dataPath);
        Assert.True(trained.Succeeded, string.Join(Environment.NewLine, trained.Diagnostics));
        return trained.Value!;
    }
}
