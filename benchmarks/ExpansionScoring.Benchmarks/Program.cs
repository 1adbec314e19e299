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
        if (args is ["--fused-profile", ..])
        {
            int size = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
            var book = ExpansionScoring.Benchmarks.Data.SyntheticBook.Create(size);
            var cols = new ExpansionScoring.Benchmarks.Data.BookColumns(book.Accounts, ExpansionScoring.Benchmarks.Data.SyntheticBook.AsOf);
            var prob = new double[cols.Count];
            var opp = new double[cols.Count];
            var outc = new ExpansionScoring.Columnar.ScoreOutcome[cols.Count];
            for (int rep = 0; rep < 3; rep++)
            {
                var sw = Stopwatch.StartNew();
                int reps = 50_000_000 / size;
                for (int k = 0; k < reps; k++)
                {
                    ScoringModel.Default.ScoreBatch(cols.Columns, ExpansionScoring.Benchmarks.Data.SyntheticBook.AsOf, new ExpansionScoring.Columnar.ScoreColumns { Probability = prob, Opportunity = opp, Outcome = outc });
                }

                Console.WriteLine($"{sw.Elapsed.TotalMilliseconds / reps / cols.Count * 1e6:F2} ns/account");
            }

            return;
        }

        if (args is ["--row-profile", ..])
        {
            int size = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
            var book = ExpansionScoring.Benchmarks.Data.SyntheticBook.Create(size);
            var cols = new ExpansionScoring.Benchmarks.Data.BookColumns(book.Accounts, ExpansionScoring.Benchmarks.Data.SyntheticBook.AsOf);
            var rows = Enumerable.Range(0, size).Select(cols.Row).ToArray();
            var asOf = ExpansionScoring.Benchmarks.Data.SyntheticBook.AsOf;
            for (int rep = 0; rep < 3; rep++)
            {
                double sum = 0;
                var sw = Stopwatch.StartNew();
                int total = 0;
                while (total < 20_000_000)
                {
                    for (int i = 0; i < rows.Length; i++)
                    {
                        sum += ScoringModel.Default.ScoreRow(rows[i], asOf).Opportunity;
                    }

                    total += rows.Length;
                }

                Console.WriteLine($"{sw.Elapsed.TotalMilliseconds / total * 1e6:F2} ns/row ({sum:E2})");
            }

            return;
        }

        if (args is ["--csv-read", string file])
        {
            for (int rep = 0; rep < 3; rep++)
            {
                var sw = Stopwatch.StartNew();
                long rows = 0, chars = 0;
                using (var reader = CsvHelper.CsvReader.Create(File.OpenRead(file), CsvHelper.CsvReaderOptions.Default with { HasHeader = true }, leaveOpen: false))
                {
                    while (reader.Read())
                    {
                        rows++;
                        for (int f = 0; f < reader.FieldCount; f++)
                        {
                            chars += reader.GetSpan(f).Length;
                        }
                    }
                }

                Console.WriteLine($"CsvHelper read-only: {rows:N0} rows, {chars:N0} chars in {sw.Elapsed.TotalSeconds:F2} s");
            }

            // The same, with every field read as a string: what a reader that hands out strings costs.
            for (int rep = 0; rep < 3; rep++)
            {
                var sw = Stopwatch.StartNew();
                long rows = 0, chars = 0;
                using (var reader = CsvHelper.CsvReader.Create(File.OpenRead(file), CsvHelper.CsvReaderOptions.Default with { HasHeader = true }, leaveOpen: false))
                {
                    while (reader.Read())
                    {
                        rows++;
                        for (int f = 0; f < reader.FieldCount; f++)
                        {
                            chars += reader.GetString(f).Length;
                        }
                    }
                }

                Console.WriteLine($"CsvHelper read as strings: {rows:N0} rows, {chars:N0} chars in {sw.Elapsed.TotalSeconds:F2} s");
            }

            return;
        }

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
