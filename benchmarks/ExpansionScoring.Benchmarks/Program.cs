using System.Diagnostics;
using BenchmarkDotNet.Running;
using ExpansionScoring.Benchmarks.Columnar;

namespace ExpansionScoring.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release -- --filter '*'</c> (see benchmarks/README.md).</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // A quick ML.NET self-check that needs no BenchmarkDotNet run: `dotnet run -c Release -- --mlnet-check`.
        if (args is ["--mlnet-check"])
        {
            MlNetCheck();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
    }

    private static void MlNetCheck()
    {
        const int n = 100_000;
        var random = new Random(1);
        double[][] signals = [new double[n], new double[n], new double[n], new double[n], new double[n]];
        var arr = new double[n];
        for (int i = 0; i < n; i++)
        {
            foreach (double[] signal in signals)
            {
                signal[i] = random.NextDouble() < 0.10 ? double.NaN : Math.Round(random.NextDouble() * 100, 1);
            }

            arr[i] = 1_000 + (random.NextDouble() * 499_000);
        }

        var composite = new MlNetComposite(signals[0], signals[1], signals[2], signals[3], signals[4], arr);
        Console.WriteLine($"ML.NET composite over {composite.Count:N0} rows: MAE {composite.MeanAbsoluteError:F3}");
        Time("PredictionEngine", composite.RunPredictionEngine, composite.Count);
        Time("Batch Transform", composite.RunBatchTransform, composite.Count);
    }

    /// <summary>Runs <paramref name="run"/> twice and reports the second (warm) run.</summary>
    private static void Time(string name, Func<double> run, int count)
    {
        run();
        var stopwatch = Stopwatch.StartNew();
        double result = run();
        stopwatch.Stop();
        double ms = stopwatch.Elapsed.TotalMilliseconds;
        Console.WriteLine($"{name}: {ms:F1} ms, {ms * 1e6 / count:F1} ns/row (result {result:F0})");
    }
}
