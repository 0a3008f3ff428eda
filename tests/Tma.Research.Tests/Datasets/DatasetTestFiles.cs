using Tma.Models.Definitions;
using Tma.Models.Packaging;

namespace Tma.Research.Tests.Datasets;

/// <summary>Shipped models and temporary CSV files for the dataset and synthesis tests.</summary>
internal static class DatasetTestFiles
{
    public const string Header = "threat,weapons_access,relationship,days_since_adverse_action,recent_losses,recent_losses.relevance,group:site,case_key,outcome";

    public const string GoodRow = "direct,yes,stranger,12,present,high,site_a,K1,1";


    public static string RepositoryRoot => Repository.Root;

    public static IEnumerable<string> ShippedModelDirectories() =>
        Repository.ModelFolders()
            .Where(d => ModelPackage.Load(d).Value?.Definition.Kind != ModelKind.Composite); // a composite has no inputs of its own

    public static ModelDefinition Model(string id = "workplace-violence-screening") =>
        ModelPackage.Load(Path.Combine(RepositoryRoot, "models", id)).GetValueOrThrow().Definition;

    public static string Write(string content, string name = "data.csv")
    {
        var directory = Path.Combine(Path.GetTempPath(), "tma-datasets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public static string TempPath(string name) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "tma-synth-" + Guid.NewGuid().ToString("N"))).FullName, name);
}
