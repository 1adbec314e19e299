using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Commands;

/// <summary>End-to-end runs of the tool on fixture files: every exit code, and every way it can refuse to start.</summary>
public class CliTests
{
    [Fact]
    public async Task Run_NoArguments_PrintsDemoBookPortfolioSummary()
    {
        var result = await RunAsync();

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Acme Corp", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Helix BioTech", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Upgrade Pro → Enterprise", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Total\s*│\s*8\s*│\s*556,000", result.Stdout);
        Assert.Matches(@"Cold\s*│\s*0\s*│\s*0", result.Stdout);
        Assert.StartsWith("Pitch Acme Corp next — $30K on the table", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Top offers", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Report card: ", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Now\s*│\s*1\s*│\s*180,000", result.Stdout);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Score_EveryRowValid_ExitsZero()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(5, result.CsvRows().Count);
        Assert.Contains("scored 5 of 5 rows (0 rejected)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_SomeRowsRejected_ExitsTwoAndListsEveryRejectedRow()
    {
        var result = await RunAsync("score", Fixture("rejects.csv"), "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Equal(3, result.CsvRows().Count);
        Assert.Equal(16, result.ErrorLines.Count(l => l.StartsWith("rejected line ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("score")]
    [InlineData("score", "book.csv", "--format", "xml")]
    [InlineData("score", "book.csv", "--top", "0")]
    [InlineData("score", "book.csv", "--top", "many")]
    [InlineData("score", "book.csv", "--no-such-option")]
    [InlineData("bogus")]
    [InlineData("presets", "--format", "csv")]
    [InlineData("portfolio", "book.csv", "--format", "jsonl")]
    public async Task Run_UsageError_ExitsOneWithMessageAndUsageHint(params string[] args)
    {
        var result = await RunAsync([.. args.Select(a => a == "book.csv" ? Fixture(a) : a)]);

        result.AssertCleanFailure();
        Assert.EndsWith("Run 'expansion-score --help' for usage.", result.Stderr.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Theory]
    [InlineData("nope.csv", "file not found")]
    [InlineData("book.txt", "not a CSV, Excel, Parquet or JSON file")]
    [InlineData("empty.csv", "the file is empty")]
    [InlineData("empty.json", "the file is empty")]
    [InlineData("missing-column.csv", "missing required column arr (the header has: account_id, name, plan_fit — map the column that holds it with --map arr=\"COLUMN\")")]
    [InlineData("single-object.json", "not a JSON array of account objects")]
    [InlineData("truncated.json", "near line 3: not valid JSON")]
    public async Task Score_UnusableFile_ExitsOneWithOneLineNamingTheProblem(string file, string expected)
    {
        var result = await RunAsync("score", Fixture(file), "--as-of", AsOfText);

        result.AssertCleanFailure();
        Assert.Single(result.ErrorLines);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_BinaryCsv_ExitsOne()
    {
        using var temp = Temp();
        string path = temp.Write("binary.csv", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xFF, 0x00]);

        var result = await RunAsync("score", path);

        result.AssertCleanFailure();
        Assert.Contains("not a CSV text file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_FolderWithoutABook_ExitsOne()
    {
        // A folder is a book in parts; one without any .csv, .json or .parquet file is an error.
        using var temp = Temp();

        var result = await RunAsync("score", temp.Path);

        result.AssertCleanFailure();
        Assert.Contains("the folder holds no .csv, .json or .parquet file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_HeaderOnly_ExitsZeroWithWarning()
    {
        var result = await RunAsync("score", Fixture("header-only.csv"), "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(0, result.Json().GetProperty("accounts").GetArrayLength());
        Assert.Contains("warning: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_UnknownColumns_WarnedOnceAndIgnored()
    {
        var result = await RunAsync("score", Fixture("unknown-columns.csv"), "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        string warning = Assert.Single(result.ErrorLines, l => l.StartsWith("warning:", StringComparison.Ordinal) && l.Contains("ignoring", StringComparison.Ordinal));
        Assert.EndsWith("ignoring unknown columns Region, Owner", warning, StringComparison.Ordinal);
        Assert.Equal(["a1", "a2"], result.CsvRows().Select(r => r["account_id"]));
    }

    [Fact]
    public async Task Score_Strict_FirstBadRowStopsWithExitOneAndNoOutputFile()
    {
        using var temp = Temp();
        string output = temp.File("scores.csv");
        string rejects = temp.File("rejects.csv");

        var result = await RunAsync("score", Fixture("rejects.csv"), "--strict", "--out", output, "--rejects", rejects);

        result.AssertCleanFailure();
        Assert.StartsWith("error: line 3 (account neg): arr: ARR must be >= 0, was -5", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Score_StrictWithValidBook_ExitsZero()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--strict", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    [Fact]
    public async Task Score_Out_WritesTheFileAndNothingToStandardOutput()
    {
        using var temp = Temp();
        string output = temp.File("scores.jsonl");

        var result = await RunAsync("score", Fixture("book.csv"), "--format", "jsonl", "--out", output, "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal(5, File.ReadAllLines(output).Length);
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Score_OutIntoMissingFolder_ExitsOne()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--out", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "x.csv"));

        result.AssertCleanFailure();
        Assert.Contains("the folder does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_Rejects_WritesEveryRejectedRowToTheFile()
    {
        using var temp = Temp();
        string rejects = temp.File("rejects-out.csv");

        var result = await RunAsync("score", Fixture("rejects.csv"), "--rejects", rejects, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        var rows = CsvText.Read(File.ReadAllText(rejects));
        Assert.Equal(16, rows.Count);
        Assert.Equal(["line", "account_id", "field", "value", "reason"], rows[0].Keys);
        Assert.Equal("16 rows rejected; listed in " + rejects, result.ErrorLines.Single(l => !l.Contains("confidence Low", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Score_StandardInput_GivesTheSameResultsAsTheFile()
    {
        var fromFile = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText);
        var fromStdin = await RunWithInputAsync(File.ReadAllText(Fixture("book.csv")), "score", "-", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, fromStdin.ExitCode);
        Assert.Equal(fromFile.Stdout, fromStdin.Stdout);
    }

    [Fact]
    public async Task Score_NoAsOf_UsesTodayInUtcFromTheClock()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--format", "json");

        Assert.Equal("2026-11-24", result.Json().GetProperty("summary").GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Score_MalformedAsOf_ExitsOne()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--as-of", "23/11/2026");

        result.AssertCleanFailure();
        Assert.Contains("--as-of: '23/11/2026' is not a date (expected yyyy-MM-dd", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_Quiet_PrintsNoSummaryAndNoProgress()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--quiet");

        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Score_StandardErrorNotATerminal_ShowsNoProgressBar()
    {
        var result = await RunAsync("score", Fixture("book.csv"));

        Assert.DoesNotContain('\u001b', result.Stderr);
        Assert.DoesNotContain('%', result.Stderr);
    }

    [Fact]
    public async Task Score_Top_KeepsTheLargestOpportunitiesLargestFirst()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText, "--top", "2", "--format", "jsonl");

        var ids = result.JsonLines().Select(a => a.GetProperty("accountId").GetString()).ToList();
        Assert.Equal(["acme", "tele"], ids);
    }

    [Fact]
    public async Task Score_TableWithTop_BandTotalsCoverTheWholeBookFromThePortfolioApi()
    {
        var json = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText, "--format", "json");
        int scored = json.Json().GetProperty("accounts").GetArrayLength();

        var table = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText, "--format", "table", "--top", "1");

        Assert.Equal(json.ExitCode, table.ExitCode);
        Assert.Matches($@"Total\s*│\s*{scored}\s*│", table.Stdout);
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var result = await RunAsync("--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        foreach (string command in new[] { "score", "portfolio", "demo", "presets", "calibrate" })
        {
            Assert.Contains(command, result.Stdout, StringComparison.Ordinal);
        }
    }
}
