namespace Tma.Benchmarks;

/// <summary>Finds the repository's models/ folder from wherever BenchmarkDotNet runs the benchmark process.</summary>
internal static class RepositoryPaths
{
    public static string Models
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Tma.slnx")))
                {
                    return Path.Combine(dir.FullName, "models");
                }
            }

            throw new DirectoryNotFoundException("Run the benchmarks from inside the repository.");
        }
    }
}
