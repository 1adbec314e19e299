using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Reports;

/// <summary>The portfolio's top offers carry their explanation: band, window, rationale and confidence, as <c>score</c> computes them.</summary>
public class PortfolioExplanationTests
{
    [Fact]
    public async Task PortfolioJson_TopOffers_CarryBandWindowRationaleAndConfidenceOfScore()
    {
        var portfolio = await RunAsync("portfolio", Fixture("book.csv"), "--as-of", AsOfText, "--format", "json", "--quiet");
        var score = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText, "--format", "json", "--quiet");

        Assert.Equal(ExitCodes.Success, portfolio.ExitCode);
        var scored = score.Json().GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!);
        var top = portfolio.Json().GetProperty("topOffers").EnumerateArray().ToList();
        Assert.NotEmpty(top);
        foreach (var offer in top)
        {
            var account = scored[offer.GetProperty("accountId").GetString()!];
            Assert.Equal(account.GetProperty("band").GetString(), offer.GetProperty("band").GetString());
            Assert.Equal(account.GetProperty("effectiveWindow").GetString(), offer.GetProperty("window").GetString());
            Assert.Equal(account.GetProperty("rationale").GetString(), offer.GetProperty("rationale").GetString());
            Assert.Equal(account.GetProperty("confidence").GetString(), offer.GetProperty("confidence").GetString());
        }
    }

    [Fact]
    public async Task PortfolioTable_TopOffers_ShowConfidenceAndRationale()
    {
        var result = await RunAsync("demo", "--as-of", AsOfText, "--top", "3");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Confidence", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Seats at 92 % of plan ceiling with usage velocity", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("default tier upgrade", result.Stdout, StringComparison.Ordinal);
    }
}
