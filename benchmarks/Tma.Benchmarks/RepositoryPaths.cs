namespace Tma.Benchmarks;

/// <summary>Finds the repository's folders from wherever BenchmarkDotNet runs the benchmark process.</summary>
internal static class RepositoryPaths
{
    /// <summary>The shipped model packages (<c>models/</c>).</summary>
    public static string Models => Path.Combine(Root, "models");

    /// <summary>The benchmark package <c>benchmarks/models/bench-40</c>.</summary>
    public static string Bench40 => Path.Combine(Root, "benchmarks", "models", "bench-40");

    private static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Tma.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("Run the benchmarks from inside the repository.");
        }
    }
}
