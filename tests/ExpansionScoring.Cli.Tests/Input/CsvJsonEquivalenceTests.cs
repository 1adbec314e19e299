using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Input;

/// <summary>The same book as CSV and as JSON scores identically.</summary>
public class CsvJsonEquivalenceTests
{
    [Theory]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("csv")]
    public async Task Score_SameBookAsCsvAndJson_GivesIdenticalResults(string format)
    {
        var fromCsv = await RunAsync("score", Fixture("book.csv"), "--format", format, "--as-of", AsOfText, "--quiet");
        var fromJson = await RunAsync("score", Fixture("book.json"), "--format", format, "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.Success, fromCsv.ExitCode);
        Assert.Equal(ExitCodes.Success, fromJson.ExitCode);
        Assert.Equal(fromCsv.Stdout, fromJson.Stdout);
    }

    [Fact]
    public async Task Score_Book_UsesTelemetryDatesAndGates()
    {
        var result = await RunAsync("score", Fixture("book.json"), "--format", "json", "--as-of", AsOfText);

        var accounts = result.Json().GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!);

        // Triggers derived from dated events: hiring spree 10 days ago (30 × 0.5^(10/30)) + funding 53 days ago (40 × 0.5^(53/30)).
        double triggers = accounts["nimbus"].GetProperty("signals").GetProperty("Triggers").GetProperty("value").GetDouble();
        // Written to two decimals (truncated), as every score in the outputs.
        Assert.Equal(Math.Floor(((30 * Math.Pow(0.5, 10 / 30.0)) + (40 * Math.Pow(0.5, 53 / 30.0))) * 100) / 100, triggers, 9);
        Assert.Equal("Derived", accounts["nimbus"].GetProperty("signals").GetProperty("Triggers").GetProperty("source").GetString());

        // An open P1/P2 ticket gates the account: Nurture, no opportunity, Nurture window.
        var multi = accounts["multi"];
        Assert.True(multi.GetProperty("gated").GetBoolean());
        Assert.Equal("Nurture", multi.GetProperty("offer").GetString());
        Assert.Equal(0, multi.GetProperty("opportunity").GetDouble());

        // "none" means no trigger events happened: Triggers is 0, not missing.
        Assert.Equal(0, accounts["tele"].GetProperty("signals").GetProperty("Triggers").GetProperty("value").GetDouble());
        Assert.Equal("MidMarket", accounts["quoted"].GetProperty("segment").GetString());
    }
}
