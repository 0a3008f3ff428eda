using BenchmarkDotNet.Running;
using Tma.Benchmarks;

// Run every suite:  dotnet run -c Release --project benchmarks/Tma.Benchmarks -- --filter '*' --job short
// Profile a variant: dotnet-trace collect -- dotnet benchmarks/Tma.Benchmarks/bin/Release/net10.0/Tma.Benchmarks.dll --profile auto 10
if (args is ["--profile", var variant, ..])
{
    ProfileLoop.Run(variant, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
