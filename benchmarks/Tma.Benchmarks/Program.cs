using BenchmarkDotNet.Running;

// Run every suite: dotnet run -c Release --project benchmarks/Tma.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
