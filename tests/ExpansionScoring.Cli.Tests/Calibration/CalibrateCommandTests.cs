using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Calibration;

/// <summary>End-to-end runs of <c>calibrate</c>: backtest, suggestions (never applied), and the rejection rules of <c>score</c>.</summary>
public class CalibrateCommandTests
{
    [Fact]
    public async Task Calibrate_HistoryWithBadRows_ExitsTwoListsThemAndBacktestsTheRest()
    {
        var result = await RunAsync("calibrate", Fixture("history.csv"), "--format", "json");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains("rejected line 62 (account bad1): probability: must be within 0–100, was '120'", result.ErrorLines);
        Assert.Contains("rejected line 63 (account bad2): expanded: 'maybe' is not true or false (also accepted: yes/no, y/n, 1/0)", result.ErrorLines);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("rejected line 64 (account h00): account_id: duplicate", StringComparison.Ordinal));

        var root = result.Json();
        var backtest = root.GetProperty("backtest");
        Assert.Equal(60, backtest.GetProperty("count").GetInt32());
        Assert.InRange(backtest.GetProperty("auc").GetDouble(), 0.5, 1);
        Assert.Equal(10, backtest.GetProperty("reliability").GetArrayLength());
        Assert.Contains(backtest.GetProperty("bands").EnumerateArray(), b => b.GetProperty("band").GetString() == "Hot");
        Assert.True(backtest.GetProperty("topBandLift").GetDouble() > 1);
        Assert.True(root.GetProperty("suggestedProbabilityTransform").GetProperty("transform").TryGetProperty("slope", out _));
        Assert.Equal("Suggested", root.GetProperty("suggestedWeights").GetProperty("preset").GetProperty("name").GetString());
        Assert.Equal(3, root.GetProperty("rejected").GetArrayLength());
        Assert.Contains("has been applied", root.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibrate_Table_LabelsTheSuggestionsAsNotApplied()
    {
        var result = await RunAsync("calibrate", Fixture("history.csv"));

        Assert.Contains("AUC", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Hot lift", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Suggestions (not applied)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Suggested preset 'Suggested'", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibrate_JsonHistoryWithoutSignals_ExitsZeroAndSuggestsNoWeights()
    {
        var result = await RunAsync("calibrate", Fixture("history.json"), "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var root = result.Json();
        Assert.Equal(60, root.GetProperty("backtest").GetProperty("count").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("suggestedWeights").ValueKind);
        Assert.Contains(root.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("no signal columns", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calibrate_CsvAndJson_GiveTheSameBacktest()
    {
        var csv = (await RunAsync("calibrate", Fixture("history.csv"), "--format", "json")).Json().GetProperty("backtest").GetRawText();
        var json = (await RunAsync("calibrate", Fixture("history.json"), "--format", "json")).Json().GetProperty("backtest").GetRawText();

        Assert.Equal(csv, json);
    }

    [Fact]
    public async Task Calibrate_Html_IsSelfContainedAndEscaped()
    {
        var result = await RunAsync("calibrate", Fixture("history.json"), "--format", "html");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("<svg", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("not applied", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", result.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("history-missing-column.csv", "missing required column composite")]
    [InlineData("no-such-history.csv", "file not found")]
    [InlineData("empty.csv", "the file is empty")]
    [InlineData("book.txt", "not a CSV or JSON file")]
    public async Task Calibrate_UnusableFile_ExitsOneNamingTheProblem(string file, string expected)
    {
        var result = await RunAsync("calibrate", Fixture(file));

        result.AssertCleanFailure();
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibrate_NoUsableRows_ExitsOne()
    {
        using var temp = Temp();
        string path = temp.Write("bad.csv", "account_id,probability,composite,expanded\na,500,50,true\n");

        var result = await RunAsync("calibrate", path);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("no usable outcomes", result.Stderr, StringComparison.Ordinal);
    }
}
