using BenchmarkDotNet.Running;

namespace ExpansionScoring.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release -- --filter '*'</c> runs the benchmarks; <c>--fused-profile</c>,
/// <c>--row-profile N</c>, <c>--csv-read FILE</c> and <c>--mlnet-check</c> run the quick investigation modes
/// (see benchmarks/README.md).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (!InvestigationModes.TryRun(args))
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
        }
    }
}
