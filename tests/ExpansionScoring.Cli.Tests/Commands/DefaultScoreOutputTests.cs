using System.Text;
using ExpansionScoring.Cli.Tests.Input;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Commands;

/// <summary>
/// <c>score</c>'s default CSV, end to end: written from the batch path, it is byte for byte the CSV of the row route
/// (which <c>--overrides</c> still takes; an overrides file that matches no account changes no byte of it), on the
/// real-export samples, with <c>--keep</c>, <c>--excel</c>, a JSON book and models of their own; and written the same
/// to a file and to standard output.
/// </summary>
public sealed class DefaultScoreOutputTests
{
    public static TheoryData<string, string[]> Books => new()
    {
        { "book.csv", [] },
        { "hostile.csv", [] },
        { "book.json", [] },
        { "hubspot-companies.csv", ["--mapping", "hubspot-companies.mapping.json"] },
        { "salesforce-report.csv", ["--mapping", "salesforce-report.mapping.json", "--keep", "Account Owner"] },
        { "excel-de.csv", ["--mapping", "excel-de.mapping.json", "--excel"] },
        { "canonical.csv", ["--excel"] },
        { "gainsight-companies.csv", ["--mapping", "gainsight-companies.mapping.json", "--preset", "Enterprise"] },
    };

    [Theory]
    [MemberData(nameof(Books))]
    public async Task Score_DefaultCsv_IsTheRowRoutesBytes(string book, string[] options)
    {
        using var temp = Temp();
        string unmatched = temp.Write("overrides.csv", "account_id,window,reason,author,expires\nno-such-account,Now,asked,kim,\n");
        string input = File.Exists(Fixture(book)) ? Fixture(book) : RealExportTests.Sample(book);
        string[] resolved = [.. options.Select(o => o.EndsWith(".json", StringComparison.Ordinal) ? RealExportTests.Sample(o) : o)];

        var batch = await RunAsync(["score", input, "--as-of", AsOfText, "--quiet", .. resolved]);
        var rows = await RunAsync(["score", input, "--as-of", AsOfText, "--quiet", "--overrides", unmatched, .. resolved]);

        Assert.Equal(rows.ExitCode, batch.ExitCode);
        Assert.True(batch.Stdout.Split('\n').Length > 2, batch.Stdout + batch.Stderr);
        Assert.Equal(rows.Stdout, batch.Stdout);
    }

    [Fact]
    public async Task Score_DefaultCsv_ToAFileAndToStandardOutput_WritesTheSameBytes()
    {
        using var temp = Temp();
        string output = temp.File("out.csv");

        var toStdout = await RunAsync("score", Fixture("hostile.csv"), "--as-of", AsOfText, "--quiet");
        var toFile = await RunAsync("score", Fixture("hostile.csv"), "--as-of", AsOfText, "--quiet", "--out", output);

        Assert.Equal(toStdout.ExitCode, toFile.ExitCode);
        Assert.Equal(Encoding.UTF8.GetBytes(toStdout.Stdout), File.ReadAllBytes(output));
    }

    [Fact]
    public async Task Score_ModelWithThreeBands_DefaultAndCompactName_TheBandsOfTheRowRoute()
    {
        // Fewer bands than the batch kernel unrolls used to put every account below the lowest band.
        using var temp = Temp();
        string config = temp.Write("bands.json", """{"Bands": [{"Name": "Hot", "MinProbability": 70}, {"Name": "Warm", "MinProbability": 45}, {"Name": "Cold", "MinProbability": 0}], "Windows": {"NowBands": ["Hot"], "Next30Bands": ["Warm"], "Next30RenewalBands": [], "Next60Bands": ["Cold"]}}""");
        string unmatched = temp.Write("overrides.csv", "account_id,window,reason,author,expires\n");

        var batch = await RunAsync("score", Fixture("book.csv"), "--config", config, "--as-of", AsOfText, "--quiet");
        var compact = await RunAsync("score", Fixture("book.csv"), "--config", config, "--compact", "--as-of", AsOfText, "--quiet");
        var rows = await RunAsync("score", Fixture("book.csv"), "--config", config, "--overrides", unmatched, "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.Success, batch.ExitCode);
        Assert.Equal(ExitCodes.Success, compact.ExitCode);
        Assert.Equal(rows.Stdout, batch.Stdout);
        var bands = rows.CsvRows().Select(r => r["band"]).ToList();
        Assert.Contains("Hot", bands);
        Assert.Equal(bands, compact.CsvRows().Select(r => r["band"]));
    }

    [Fact]
    public async Task Score_DefaultCsv_SummaryLineAsBefore()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        string summary = Assert.Single(result.ErrorLines, l => l.StartsWith("scored ", StringComparison.Ordinal));
        Assert.Contains(" with preset MidMarketBalanced in ", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("batch path", summary, StringComparison.Ordinal);
    }
}
