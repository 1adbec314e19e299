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
    public async Task Score_RejectsFile_NeutralisesTextButWritesNumbersAsRead()
    {
        using var temp = Temp();
        string book = temp.Write("bad.csv", "account_id,arr\n=evil(),-3\n");
        string rejects = temp.File("rejects.csv");

        var result = await RunAsync("score", book, "--rejects", rejects, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        var row = Assert.Single(CsvText.Read(File.ReadAllText(rejects)));
        Assert.Equal("'=evil()", row["account_id"]);
        Assert.Equal("-3", row["value"]);
        Assert.Equal("2", row["line"]);
        Assert.Contains("\n2,\"'=evil()\",arr,-3,", File.ReadAllText(rejects), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-5", "-5")]
    [InlineData("-1.5e3", "-1.5e3")]
    [InlineData("+700", "+700")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("-Infinity", "'-Infinity")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public async Task Score_RejectedValue_IsWrittenAsReadUnlessItIsAFormula(string value, string written)
    {
        using var temp = Temp();
        string book = temp.Write("bad.csv", $"account_id,arr,plan_fit\na1,100,\"{value}\"\n");
        string rejects = temp.File("rejects.csv");

        var result = await RunAsync("score", book, "--rejects", rejects, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Equal(written, Assert.Single(CsvText.Read(File.ReadAllText(rejects)))["value"]);
    }

    [Fact]
    public async Task Score_NulInAName_IsNeverCopiedIntoCsvOrHtml()
    {
        using var temp = Temp();
        string book = temp.Write("nul.csv", "account_id,name,arr,plan_fit,velocity,engagement,champion,triggers\nfiller," + new string('f', 5000) + ",1,1,1,1,1,1\na1,Ac\0me,1000,90,90,90,90,90\n");

        var csv = await RunAsync("score", book, "--as-of", AsOfText);
        var html = await RunAsync("portfolio", book, "--format", "html", "--as-of", AsOfText);

        Assert.DoesNotContain('\0', csv.Stdout);
        Assert.Equal("Ac\uFFFDme", csv.CsvRows().Single(r => r["account_id"] == "a1")["name"]);
        Assert.DoesNotContain('\0', html.Stdout);
        Assert.Contains("Ac\uFFFDme", html.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_NulInAnIdOnTheCompactPath_IsNeverCopied()
    {
        using var temp = Temp();
        string book = temp.Write("nul.csv", "account_id,arr,plan_fit\nfiller" + new string('f', 5000) + ",1,1\na\0b,1000,90\n");

        var result = await RunAsync("score", book, "--compact", "--as-of", AsOfText);

        Assert.DoesNotContain('\0', result.Stdout);
        Assert.Contains("a\uFFFDb", result.Stdout, StringComparison.Ordinal);
    }
}
