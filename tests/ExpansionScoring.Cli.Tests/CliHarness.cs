using System.Text.Json;
using CsvHelper;
using ExpansionScoring.Cli.Commands;

namespace ExpansionScoring.Cli.Tests;

/// <summary>Runs the tool in-process on fixture files, with a fixed clock and no terminal.</summary>
internal static class CliHarness
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);
    public const string AsOfText = "2026-11-23";

    /// <summary>The clock the tool sees when --as-of is not given: a day after <see cref="AsOf"/>, to tell them apart.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 22, 30, 0, TimeSpan.Zero);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    public static async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(new FixedTimeProvider(Now), ErrorIsTerminal: false, OutputIsTerminal: false, TerminalWidth: null);
        int code = await Cli.RunAsync(args, new StringReader(stdin), output, error, environment);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>A temporary folder, deleted on dispose.</summary>
    public static TempFolder Temp() => new();

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public JsonElement Json()
    {
        using var doc = JsonDocument.Parse(Stdout);
        return doc.RootElement.Clone();
    }

    public List<JsonElement> JsonLines()
        => [.. Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => { using var d = JsonDocument.Parse(line); return d.RootElement.Clone(); })];

    public List<Dictionary<string, string>> CsvRows() => CsvText.Read(Stdout);

    /// <summary>Asserts what every failure of the tool promises: one "error:" message and never a stack trace.</summary>
    public void AssertCleanFailure()
    {
        Assert.Equal(ExitCodes.Failed, ExitCode);
        Assert.StartsWith("error: ", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", Stderr, StringComparison.Ordinal);
    }
}

internal static class CsvText
{
    public static List<Dictionary<string, string>> Read(string text)
    {
        using var reader = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<Dictionary<string, string>>();
        var headers = reader.Headers;
        while (reader.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < headers.Count; i++)
            {
                row[headers[i]] = reader.GetString(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}

internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "expansion-score-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string Write(string name, byte[] content)
    {
        string path = File(name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
