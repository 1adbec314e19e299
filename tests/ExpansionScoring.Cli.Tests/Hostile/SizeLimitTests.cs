using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Hostile;

/// <summary>Every input outside the CSV scorer has a size limit that names itself, and tables show huge names cut.</summary>
public class SizeLimitTests
{
    private const string HistoryHeader = "account_id,probability,composite,expanded\n";

    [Fact]
    public async Task Calibrate_StandardInputWithAHugeLine_StopsNamingTheLimit()
    {
        string history = HistoryHeader + "a1,50,50,true\na2,\"" + new string('x', 3 * 1024 * 1024) + "\",50,true\n";

        var result = await RunWithInputAsync(history, "calibrate", "-");

        result.AssertCleanFailure();
        Assert.StartsWith("error: standard input", result.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("(a history record may be at most 1 MB)", result.Stderr.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibrate_JsonHistoryPastTheLimit_StopsNamingTheLimitAndTheWayOut()
    {
        using var temp = Temp();
        string path = temp.File("h.json");
        using (var f = File.Create(path))
        {
            f.SetLength(ExpansionScoring.Cli.Calibration.HistoryFile.MaxJsonBytes + 1); // sparse: takes no disk
        }

        var result = await RunAsync("calibrate", path);

        result.AssertCleanFailure();
        Assert.Equal($"error: {path}: the JSON history is 256 MB; a JSON history may be at most 256 MB (it is parsed whole): give it as CSV, which is read a row at a time", result.Stderr.TrimEnd());
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Y", true)]
    [InlineData("no", false)]
    [InlineData("n", false)]
    [InlineData("TRUE", true)]
    [InlineData("0", false)]
    public async Task Calibrate_TheBooleansABookAccepts_AreAccepted(string text, bool expected)
    {
        using var temp = Temp();
        string rows = string.Concat(Enumerable.Range(0, 20).Select(i => $"h{i},{i * 5},{i * 5},{(i % 2 == 0 ? "true" : "false")}\n"));
        string path = temp.Write("h.csv", HistoryHeader + rows + $"x,50,50,{text}\n");

        var result = await RunAsync("calibrate", path, "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(21, result.Json().GetProperty("backtest").GetProperty("count").GetInt32());
        Assert.Equal(expected ? 11 : 10, result.Json().GetProperty("backtest").GetProperty("expanded").GetInt32());
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("ja")]
    [InlineData("2")]
    public async Task Calibrate_OtherBooleans_AreRejectedListingTheAcceptedSet(string text)
    {
        using var temp = Temp();
        string path = temp.Write("h.csv", HistoryHeader + $"a1,50,50,true\na2,40,40,{text}\n");

        var result = await RunAsync("calibrate", path);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains($"rejected line 3 (account a2): expanded: '{text}' is not true or false (also accepted: yes/no, y/n, 1/0)", result.ErrorLines);
    }

    [Fact]
    public async Task Calibrate_MalformedQuoting_IsARejectedRowWithItsLine()
    {
        using var temp = Temp();
        string path = temp.Write("h.csv", HistoryHeader + "a1,50,50,true\na2,4\"0,40,true\na3,30,30,false\n");

        var result = await RunAsync("calibrate", path);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains("rejected line 3 (account a2): (row): malformed quoting: a '\"' inside an unquoted field (quote the whole field and double the quotes inside it)", result.ErrorLines);
    }

    [Fact]
    public async Task Score_ConfigPastTheLimit_StopsNamingTheLimit()
    {
        using var temp = Temp();
        string path = temp.File("c.json");
        using (var f = File.Create(path))
        {
            f.SetLength(ExpansionScoring.Cli.Configuration.ModelSetup.MaxConfigBytes + 1);
        }

        var result = await RunAsync("score", Fixture("book.csv"), "--config", path);

        result.AssertCleanFailure();
        Assert.Equal($"error: --config {path}: the file is 16 MB; a configuration may be at most 16 MB", result.Stderr.TrimEnd());
    }

    [Fact]
    public async Task Score_ConfigThatIsNotUtf8_StopsNamingTheLine()
    {
        using var temp = Temp();
        string path = temp.Write("c.json", [.. "{\n  \"Preset\": \"Enterprise\",\n  \""u8, 0xC3, 0x28, .. "\": 1\n}"u8]);

        var result = await RunAsync("score", Fixture("book.csv"), "--config", path);

        result.AssertCleanFailure();
        Assert.Equal($"error: --config {path}, line 3: not valid UTF-8 (save the file as UTF-8)", result.Stderr.TrimEnd());
    }

    [Fact]
    public async Task Calibrate_JsonHistoryThatIsNotUtf8_StopsNamingTheLine()
    {
        using var temp = Temp();
        string path = temp.Write("h.json", [.. "[\n{\"account_id\": \"a"u8, 0xF4, .. "\", \"probability\": 50, \"composite\": 50, \"expanded\": true}\n]"u8]);

        var result = await RunAsync("calibrate", path);

        result.AssertCleanFailure();
        Assert.Equal($"error: {path}, line 2: not valid UTF-8 (save the file as UTF-8)", result.Stderr.TrimEnd());
    }

    [Theory]
    [InlineData("""{"Preset":"Enterprise","Preset":"ProductLed"}""", "$.Preset")]
    [InlineData("""{"Preset":"Enterprise","preset":"ProductLed"}""", "$.preset")]
    [InlineData("""{"Presets":{"X":{"PlanFit":1,"PlanFit":2}},"Preset":"X"}""", "$.Presets.X.PlanFit")]
    [InlineData("""{"Presets":{"X":{"PlanFit":1},"X":{"Velocity":1}}}""", "$.Presets.X")]
    [InlineData("""{"Offers":{"Multipliers":{"Seats":1,"Seats":2}}}""", "$.Offers.Multipliers.Seats")]
    [InlineData("""{"Bands":[{"Name":"A","MinProbability":1,"MinProbability":0}]}""", "$.Bands[0].MinProbability")]
    public async Task Score_ConfigWithADuplicateKey_IsRejectedWithTheKeysPath(string json, string keyPath)
    {
        using var temp = Temp();
        string path = temp.Write("c.json", json);

        var result = await RunAsync("score", Fixture("book.csv"), "--config", path);

        result.AssertCleanFailure();
        Assert.Equal($"error: --config {path}, line 1: a setting is given twice at {keyPath}", result.Stderr.TrimEnd());
    }

    [Theory]
    [InlineData("score")]
    [InlineData("portfolio")]
    public async Task Table_HugeName_IsCutForDisplay(string command)
    {
        using var temp = Temp();
        string name = new('N', 1_000_000);
        string path = temp.Write("b.csv", $"account_id,name,arr,plan_fit,velocity,engagement,champion,triggers\nbig,{name},1000,90,90,90,90,90\n");

        var result = await RunAsync(command, path, "--format", "table", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains(new string('N', 20), result.Stdout, StringComparison.Ordinal);
        Assert.Contains("…", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('N', ExpansionScoring.Cli.Output.TerminalText.MaxLineChars), result.Stdout, StringComparison.Ordinal);
        Assert.True(result.Stdout.Length < 20_000, $"the table is {result.Stdout.Length} characters");
    }

    [Fact]
    public async Task Json_HugeName_IsWrittenWhole()
    {
        using var temp = Temp();
        string name = new('N', 100_000);
        string path = temp.Write("b.csv", $"account_id,name,arr\nbig,{name},1000\n");

        var result = await RunAsync("score", path, "--format", "json", "--as-of", AsOfText);

        Assert.Equal(name, result.Json().GetProperty("accounts")[0].GetProperty("name").GetString());
    }
}
