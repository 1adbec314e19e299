using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Cli.Reports;
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

    [Fact]
    public async Task PortfolioHtml_GatedAccount_ShowsItsGateReasonNotABareZero()
    {
        var result = await RunAsync("portfolio", Fixture("book.csv"), "--as-of", AsOfText, "--format", "html", "--quiet");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        int at = result.Stdout.IndexOf("<div class=\"cell\" style=\"background:#ef8a2a\" title=\"Multi", StringComparison.Ordinal);
        string cell = result.Stdout[at..result.Stdout.IndexOf("</div></div>", at, StringComparison.Ordinal)];
        Assert.Contains("gated: 1 open P1/P2 ticket(s), at most 0 allowed", cell, StringComparison.Ordinal);
        Assert.DoesNotContain("$0", cell, StringComparison.Ordinal);
    }

    [Fact]
    public void Board_PastItsCap_ThePageSaysWhatItLeftOutAndHowToNarrowTheBook()
    {
        var model = ScoringModel.Default;
        var accounts = Enumerable.Range(1, 3).Select(i => new Account { Id = "a" + i, Name = "Account " + i, Arr = 10_000 * i, Signals = Signals.SignalValues.Of(80, 80, 80, 80, 80) }).ToList();
        var board = new BoardData(model, AsOf, cap: 2);
        var accumulator = new PortfolioAccumulator(model, AsOf, new PortfolioOptions { IncludeHeatmap = true });
        foreach (var account in accounts)
        {
            board.Add(account);
            accumulator.Add(account);
        }

        var report = new PortfolioReport(accumulator.ToPortfolio(), "test", "Expansion", "MidMarketBalanced", 3, 0, Board: board);
        using var html = new StringWriter();
        PortfolioHtml.Write(html, report, 400);

        Assert.Equal(2, board.Listed);
        Assert.Equal(3, board.Seen);
        Assert.Contains("the board lists the first 2 of 3 accounts", html.ToString(), StringComparison.Ordinal);
        Assert.Contains("split the book (for example by owner or segment)", html.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"seen\":3,\"listed\":2", html.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortfolioHtml_BoardData_HasNoRawAngleBracketOrAmpersand()
    {
        using var temp = Temp();
        string book = temp.Write("hostile.csv", File.ReadAllText(Fixture("hostile.csv")) + "x4,\"</script><svg onload=alert(4)>\",MidMarket,Pro,90000,80,80,80,80,80,10,9,30,90,0,2020-01-01\n");
        var result = await RunAsync("portfolio", book, "--as-of", AsOfText, "--format", "html", "--quiet");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        foreach (string id in new[] { "board-meta", "board-strings", "board-data" })
        {
            string html = result.Stdout;
            int start = html.IndexOf($"id=\"{id}\">", StringComparison.Ordinal) + id.Length + 6;
            string json = html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
            Assert.DoesNotContain("<", json, StringComparison.Ordinal);
            Assert.DoesNotContain(">", json, StringComparison.Ordinal);
            Assert.DoesNotContain("&", json, StringComparison.Ordinal);
        }

        Assert.Contains("\\u003C/script\\u003E\\u003Csvg onload=alert(4)\\u003E", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(6, 1)]
    [InlineData(7, 0)]
    [InlineData(10, 0)]
    public void Board_DatedTriggerEvent_MarksTheAccountForSevenDays(int daysAgo, int expected)
    {
        var account = new Account
        {
            Id = "t",
            Arr = 10_000,
            Telemetry = new AccountTelemetry { TriggerEvents = [new Signals.TriggerEvent(Signals.TriggerEventKind.FundingRound, AsOf.AddDays(-daysAgo))] },
        };
        var board = new BoardData(ScoringModel.Default, AsOf);
        board.Add(account);
        using var text = new StringWriter();
        board.WriteTo(text);

        using var rows = System.Text.Json.JsonDocument.Parse(text.ToString());
        Assert.Equal(expected, rows.RootElement[0][23].GetInt32());
    }
}
