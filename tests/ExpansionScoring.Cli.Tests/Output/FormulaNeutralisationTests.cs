using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Output;

/// <summary>Text written to CSV that a spreadsheet would run as a formula gets a ' in front; numbers are left alone.</summary>
public class FormulaNeutralisationTests
{
    [Fact]
    public async Task Score_CsvOutput_NeutralisesTextThatStartsLikeAFormula()
    {
        var result = await RunAsync("score", Fixture("formula.csv"), "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var rows = result.CsvRows();
        Assert.Equal(["'=cmd", "'@sum", "tab", "'-neg", "cr"], rows.Select(r => r["account_id"]));
        Assert.Equal(["'=HYPERLINK(\"http://x\")", "'@SUM(A1:A2)", "'\ttabbed", "'-2+3", "'\rcarriage"], rows.Select(r => r["name"]));
        Assert.Equal(["'+plan", "'-minus", "plain", "ok", "ok"], rows.Select(r => r["plan"]));
        Assert.All(rows, r => Assert.Equal("1000", r["arr"]));
    }

    [Fact]
    public async Task Score_JsonOutput_KeepsTextAsItIs()
    {
        var result = await RunAsync("score", Fixture("formula.csv"), "--format", "json", "--as-of", AsOfText);

        var names = result.Json().GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("name").GetString());
        Assert.Equal(["=HYPERLINK(\"http://x\")", "@SUM(A1:A2)", "\ttabbed", "-2+3", "\rcarriage"], names);
    }

    [Fact]
    public async Task Score_RejectsFile_NeutralisesValuesToo()
    {
        using var temp = Temp();
        string book = temp.Write("bad.csv", "account_id,arr\n=evil(),-3\n");
        string rejects = temp.File("rejects.csv");

        var result = await RunAsync("score", book, "--rejects", rejects, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        var row = Assert.Single(CsvText.Read(File.ReadAllText(rejects)));
        Assert.Equal("'=evil()", row["account_id"]);
        Assert.Equal("'-3", row["value"]);
        Assert.Equal("2", row["line"]);
    }
}
