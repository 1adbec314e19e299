using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Reports;

/// <summary><c>portfolio --group-by COLUMN</c>: the portfolio per value of an input column, in table, JSON and HTML.</summary>
public class GroupByTests
{
    private static readonly string Export = Input.RealExportTests.Sample("hubspot-companies.csv");
    private static readonly string Mapping = Input.RealExportTests.Sample("hubspot-companies.mapping.json");

    [Fact]
    public async Task PortfolioJson_GroupByRegion_OnePortfolioPerValueThatAddUpToTheBook()
    {
        var result = await RunAsync("portfolio", Export, "--mapping", Mapping, "--group-by", "region", "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        Assert.Equal("region", json.GetProperty("groupBy").GetString());
        var groups = json.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["APAC", "EMEA", "NA"], groups.Select(g => g.GetProperty("value").GetString()));
        Assert.Equal([1, 2, 2], groups.Select(g => g.GetProperty("portfolio").GetProperty("accountCount").GetInt32()));
        var book = json.GetProperty("book");
        Assert.Equal(book.GetProperty("accountCount").GetInt32(), groups.Sum(g => g.GetProperty("portfolio").GetProperty("accountCount").GetInt32()));
        Assert.Equal(book.GetProperty("pipeline").GetDouble(), groups.Sum(g => g.GetProperty("portfolio").GetProperty("pipeline").GetDouble()), 6);
        Assert.Equal(book.GetProperty("totalArr").GetDouble(), groups.Sum(g => g.GetProperty("portfolio").GetProperty("totalArr").GetDouble()), 6);
    }

    [Fact]
    public async Task PortfolioTableAndHtml_GroupByOwner_ShowEveryOwner()
    {
        var table = await RunAsync("portfolio", Export, "--mapping", Mapping, "--group-by", "Company owner", "--as-of", AsOfText);
        var html = await RunAsync("portfolio", Export, "--mapping", Mapping, "--group-by", "Company owner", "--format", "html", "--as-of", AsOfText);

        Assert.Contains("By Company owner", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("<h2>By Company owner</h2>", html.Stdout, StringComparison.Ordinal);
        foreach (string owner in new[] { "Dana Whitfield", "Lee Chen", "Sam Ortiz" })
        {
            Assert.Contains(owner, table.Stdout, StringComparison.Ordinal);
            Assert.Contains($"<tr><td>{owner}</td>", html.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Portfolio_GroupByBlankValues_GroupedAsBlankLast()
    {
        using var temp = Temp();
        string path = temp.Write("book.csv", "account_id,arr,plan_fit,csm\na,100,50,Zoe\nb,200,60,\nc,300,70,Al\n");

        var result = await RunAsync("portfolio", path, "--group-by", "CSM", "--format", "json", "--as-of", AsOfText);

        Assert.Equal(["Al", "Zoe", "(blank)"], result.Json().GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task Portfolio_GroupByAbsentColumn_ExitsOneNamingIt()
    {
        var result = await RunAsync("portfolio", Export, "--mapping", Mapping, "--group-by", "Territory");

        result.AssertCleanFailure();
        Assert.Contains("'Territory' is not in the header", result.Stderr, StringComparison.Ordinal);
    }
}
