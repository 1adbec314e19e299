using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ExpansionScoring.Benchmarks.Data;

namespace ExpansionScoring.Benchmarks;

/// <summary>
/// The command-line tool end to end against the CSV library merely reading the same file (issue 7: at most 1.5×).
/// Both run as processes of their own, as a user would run them, start-up included, taking turns so that whatever
/// else the machine is doing falls on both alike; the medians of the rounds are compared.
/// </summary>
/// <remarks>
/// <para>The reader is CsvHelper with the options the tool reads with (header, line numbers, trimming of spaces and
/// tabs), asking for every field of every record as a UTF-8 span and doing nothing with it: the least any program
/// that looks at every value can do. The tool is <c>expansion-score score FILE --compact --out OUT</c>.</para>
/// <para>Each reports its own peak working set, so memory is compared on the same terms.</para>
/// </remarks>
internal static partial class CliVersusRead
{
    private const int Rounds = 5;

    /// <summary><c>--write-book N FILE</c>: the synthetic book as a CSV export.</summary>
    public static void WriteBook(int count, string file)
    {
        using (var writer = new StreamWriter(file, append: false, new System.Text.UTF8Encoding(false), 1 << 16))
        {
            SyntheticBook.WriteCsv(writer, count);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {count:N0} accounts to {file} ({new FileInfo(file).Length / 1e6:F1} MB)"));
    }

    /// <summary><c>--csv-read-once FILE</c>: one pass of CsvHelper over every field of <paramref name="file"/>, then the time and peak memory.</summary>
    public static void ReadOnce(string file)
    {
        var stopwatch = Stopwatch.StartNew();
        long rows = 0, bytes = 0;
        var options = CsvHelper.CsvReaderOptions.Default with { HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true, SkipEmptyLines = true, DetectSeparatorHint = false };
        using (var reader = CsvHelper.CsvReader.Create(File.OpenRead(file), options, leaveOpen: false))
        {
            while (reader.Read())
            {
                rows++;
                for (int f = 0; f < reader.FieldCount; f++)
                {
                    bytes += reader.GetSpan(f).Length;
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {rows:N0} rows ({bytes:N0} bytes of fields) in {stopwatch.Elapsed.TotalSeconds:F3} s, peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000} MB"));
    }

    /// <summary>
    /// <c>--cli-vs-read FILE [CLI.dll]</c>: both as processes, <see cref="Rounds"/> rounds each, medians and the ratio.
    /// The tool is the Release build in the repository unless another build of it is given (a ReadyToRun publish, say).
    /// </summary>
    public static void Compare(string file, string? cliDll)
    {
        string cli = cliDll ?? FindCli();
        string self = typeof(CliVersusRead).Assembly.Location;
        string output = Path.Combine(Path.GetTempPath(), $"cli-vs-read-{Environment.ProcessId}.csv");
        var read = new List<(double Seconds, double Mb)>();
        var tool = new List<(double Seconds, double Mb)>();
        try
        {
            for (int round = 0; round < Rounds; round++)
            {
                read.Add(Run(self, ["--csv-read-once", file]));
                tool.Add(Run(cli, ["score", file, "--compact", "--out", output, "--as-of", "2026-11-23"]));
            }
        }
        finally
        {
            File.Delete(output);
        }

        double readTime = Median(read.Select(r => r.Seconds)), toolTime = Median(tool.Select(r => r.Seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            {file}: {new FileInfo(file).Length / 1e6:F1} MB, median of {Rounds} rounds, each a process of its own; the tool: {cli}
            | process | wall time | peak memory |
            |---|---|---|
            | CsvHelper reads every field (the floor) | {readTime:F2} s ({string.Join(", ", read.Select(r => r.Seconds.ToString("F2", CultureInfo.InvariantCulture)))}) | {Median(read.Select(r => r.Mb)):F0} MB |
            | expansion-score score --compact | {toolTime:F2} s ({string.Join(", ", tool.Select(r => r.Seconds.ToString("F2", CultureInfo.InvariantCulture)))}) | {Median(tool.Select(r => r.Mb)):F0} MB |
            ratio: the tool takes {toolTime / readTime:F2}× the reading time (target ≤ 1.5×)
            """));
    }

    internal static (double Seconds, double Mb) Run(string dll, string[] args) => RunProgram("dotnet", [dll, .. args]);

    /// <summary>Runs a program to its end and returns its wall time and the peak memory it reports ("peak memory N MB"), if any.</summary>
    internal static (double Seconds, double Mb) RunProgram(string program, string[] args)
    {
        var (exitCode, text, seconds) = Execute(program, args);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {exitCode}: {text}");
        }

        var peak = PeakMemory().Match(text);
        return (seconds, peak.Success ? double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN);
    }

    /// <summary>Runs a program to its end: its exit code, everything it printed, and its wall time.</summary>
    private static (int ExitCode, string Text, double Seconds) Execute(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Publishes the tool as a user building it for speed would, from the source in the repository (so a stale build
    /// cannot be timed by mistake), into <paramref name="folder"/>: Native AOT (<c>dotnet publish -c Release -r RID
    /// -p:PublishAot=true</c>; no JIT at all), or, where that cannot be built (no C toolchain to link it), ReadyToRun
    /// (<c>dotnet publish -c Release -r RID</c>). Returns the command that runs it and which build it is.
    /// </summary>
    internal static (string[] Command, string Build) PublishTool(string folder)
    {
        string project = FindInRepository(Path.Combine("src", "ExpansionScoring.Cli", "ExpansionScoring.Cli.csproj"))
            ?? throw new InvalidOperationException("Run the benchmark from a clone of the repository: src/ExpansionScoring.Cli was not found above it.");
        string rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        string native = Path.Combine(folder, "native");
        if (Publish(project, rid, native, ["-p:PublishAot=true"], out string failure) && File.Exists(Path.Combine(native, "ExpansionScoring.Cli")))
        {
            return ([Path.Combine(native, "ExpansionScoring.Cli")], $"Native AOT for {rid}");
        }

        Console.WriteLine($"the Native AOT publish failed, so the tool is timed as ReadyToRun instead: {failure.Trim()}");
        string r2r = Path.Combine(folder, "r2r");
        if (!Publish(project, rid, r2r, [], out failure) || !File.Exists(Path.Combine(r2r, "ExpansionScoring.Cli.dll")))
        {
            throw new InvalidOperationException($"dotnet publish of the tool for {rid} failed: {failure}");
        }

        return (["dotnet", Path.Combine(r2r, "ExpansionScoring.Cli.dll")], $"ReadyToRun for {rid}");
    }

    private static bool Publish(string project, string rid, string output, string[] extra, out string messages)
    {
        (int exitCode, messages, _) = Execute("dotnet", ["publish", project, "-c", "Release", "-r", rid, "-o", output, "-nologo", "-v", "q", .. extra]);
        return exitCode == 0;
    }

    internal static string FindCli()
        => FindInRepository(Path.Combine("src", "ExpansionScoring.Cli", "bin", "Release", "net10.0", "ExpansionScoring.Cli.dll"))
            ?? throw new InvalidOperationException("Build the tool first: dotnet build -c Release src/ExpansionScoring.Cli");

    /// <summary>The file at <paramref name="relative"/> in the first folder above this program that has it, or <see langword="null"/>.</summary>
    private static string? FindInRepository(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    [GeneratedRegex(@"peak memory (\d+) MB")]
    private static partial Regex PeakMemory();
}
