using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Globalization;
using ExpansionScoring.Benchmarks.Columnar;
using ExpansionScoring.Benchmarks.Data;
using ExpansionScoring.Columnar;

namespace ExpansionScoring.Benchmarks;

/// <summary>
/// Quick measurements outside BenchmarkDotNet, for investigating rather than quoting (stopwatch timings, second and
/// later repetitions warm): see benchmarks/README.md.
/// </summary>
internal static class InvestigationModes
{
    /// <summary>Runs the mode <paramref name="args"/> names; <see langword="false"/> when they name none.</summary>
    public static bool TryRun(string[] args)
    {
        switch (args)
        {
            case ["--fused-profile", ..]:
                FusedProfile(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
                return true;
            case ["--engine-profile", string size]:
                EngineProfile(int.Parse(size, CultureInfo.InvariantCulture));
                return true;
            case ["--row-profile", string size]:
                RowProfile(int.Parse(size, CultureInfo.InvariantCulture));
                return true;
            case ["--csv-read", string file]:
                CsvRead(file);
                return true;
            case ["--mlnet-check"]:
                MlNetCheck();
                return true;
            case ["--write-book", string size, string file]:
                CliVersusRead.WriteBook(int.Parse(size, CultureInfo.InvariantCulture), file);
                return true;
            case ["--csv-read-once", string file]:
                CliVersusRead.ReadOnce(file);
                return true;
            case ["--cli-vs-read", string file]:
                CliVersusRead.Compare(file, null);
                return true;
            case ["--cli-vs-read", string file, string cli]:
                CliVersusRead.Compare(file, cli);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The batch path over a synthetic book of <paramref name="size"/> accounts, repeated to 50 million accounts.</summary>
    private static void FusedProfile(int size)
    {
        var columns = new BookColumns(SyntheticBook.Create(size).Accounts, SyntheticBook.AsOf);
        var probability = new double[columns.Count];
        var opportunity = new double[columns.Count];
        var outcome = new ScoreOutcome[columns.Count];
        int repetitions = Math.Max(1, 50_000_000 / size);
        for (int rep = 0; rep < 3; rep++)
        {
            var stopwatch = Stopwatch.StartNew();
            for (int k = 0; k < repetitions; k++)
            {
                ScoringModel.Default.ScoreBatch(columns.Columns, SyntheticBook.AsOf, new ScoreColumns { Probability = probability, Opportunity = opportunity, Outcome = outcome });
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stopwatch.Elapsed.TotalMilliseconds / repetitions / columns.Count * 1e6:F2} ns/account"));
        }
    }

    /// <summary>The general engine (<c>ScoringModel.Score</c> over a span of accounts) on a synthetic book of <paramref name="size"/> accounts, repeated to 20 million accounts.</summary>
    private static void EngineProfile(int size)
    {
        var accounts = SyntheticBook.Create(size).Accounts.ToArray();
        var results = new AccountScore[accounts.Length];
        int repetitions = Math.Max(1, 20_000_000 / size);
        for (int rep = 0; rep < 3; rep++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = Stopwatch.StartNew();
            for (int k = 0; k < repetitions; k++)
            {
                ScoringModel.Default.Score(accounts, SyntheticBook.AsOf, results);
            }

            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stopwatch.Elapsed.TotalMilliseconds / repetitions / accounts.Length * 1e6:F2} ns/account, {(double)bytes / repetitions / accounts.Length:F2} bytes/account"));
        }
    }

    /// <summary>The loop of <see cref="ColumnarBenchmarks.FusedRow"/>, in a method of its own so it is tiered up as a whole, not replaced on the stack.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double ScoreRows(ScoringModel model, AccountRow[] rows, DateOnly asOf)
    {
        double sum = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            sum += model.ScoreRow(rows[i], asOf).Opportunity;
        }

        return sum;
    }

    /// <summary><c>ScoreRow</c> over <paramref name="size"/> different rows, repeated to 20 million calls.</summary>
    private static void RowProfile(int size)
    {
        var columns = new BookColumns(SyntheticBook.Create(size).Accounts, SyntheticBook.AsOf);
        var rows = Enumerable.Range(0, size).Select(columns.Row).ToArray();
        for (int rep = 0; rep < 3; rep++)
        {
            double sum = 0;
            long total = 0;
            var stopwatch = Stopwatch.StartNew();
            while (total < 20_000_000)
            {
                sum += ScoreRows(ScoringModel.Default, rows, SyntheticBook.AsOf);

                total += rows.Length;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stopwatch.Elapsed.TotalMilliseconds / total * 1e6:F2} ns/row ({sum:E2})"));
        }
    }

    /// <summary>CsvHelper merely reading <paramref name="file"/>: every field as a span (default options, then the tool's), then every field as a string.</summary>
    private static void CsvRead(string file)
    {
        var defaults = CsvHelper.CsvReaderOptions.Default with { HasHeader = true };
        var tool = defaults with { TrackLineNumbers = true, TrimWhitespace = true, SkipEmptyLines = true, DetectSeparatorHint = false };
        foreach (var (label, options, strings) in new[] { ("as spans", defaults, false), ("as spans, the tool's options", tool, false), ("as strings", defaults, true) })
        {
            for (int rep = 0; rep < 3; rep++)
            {
                var stopwatch = Stopwatch.StartNew();
                long rows = 0, length = 0;
                using (var reader = CsvHelper.CsvReader.Create(File.OpenRead(file), options, leaveOpen: false))
                {
                    while (reader.Read())
                    {
                        rows++;
                        for (int f = 0; f < reader.FieldCount; f++)
                        {
                            length += strings ? reader.GetString(f).Length : reader.GetSpan(f).Length;
                        }
                    }
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CsvHelper read {label}: {rows:N0} rows, {length:N0} {(strings ? "chars" : "bytes")} in {stopwatch.Elapsed.TotalSeconds:F3} s"));
            }
        }
    }

    /// <summary>ML.NET's fit and speed over 100,000 synthetic rows.</summary>
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ML.NET composite over {composite.Count:N0} rows: MAE {composite.MeanAbsoluteError:F3}"));
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {ms:F1} ms, {ms * 1e6 / count:F1} ns/row (result {result:F0})"));
    }
}
