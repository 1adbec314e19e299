using System.Text;
using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Cli.Tests.Input;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Commands;

public class InspectCommandTests
{
    [Theory]
    [MemberData(nameof(RealExportTests.Shapes), MemberType = typeof(RealExportTests))]
    public async Task Inspect_EverySampleExportWithItsMapping_ExplainsEveryColumnAndFindsNoProblem(string export, string? mapping)
    {
        string[] mappingArgs = mapping is null ? [] : ["--mapping", RealExportTests.Sample(mapping)];

        var result = await RunAsync(["inspect", RealExportTests.Sample(export), .. mappingArgs]);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("rows       5 data rows", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("5 would be scored, 0 rejected", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("problems   none", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_GermanExport_ShowsSeparatorEncodingCultureAndWhatEachSampleParsesTo()
    {
        var result = await RunAsync("inspect", RealExportTests.Sample("excel-de.csv"), "--mapping", RealExportTests.Sample("excel-de.mapping.json"));

        string[] lines = result.Stdout.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("delimiter  ';' (given)", lines);
        Assert.Contains("encoding   UTF-8 with byte order mark", lines);
        Assert.Contains("culture    de-DE (decimal ',', thousands '.', dates dd.MM.yyyy)", lines);
        Assert.Contains(lines, l => l.StartsWith("5   ARR ", StringComparison.Ordinal) && l.Contains(" arr ", StringComparison.Ordinal) && l.EndsWith("180.000,00 €                  180000", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("8   Verlängerung", StringComparison.Ordinal) && l.EndsWith("27.03.2027                    2027-03-27", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("17  Vertriebsregion", StringComparison.Ordinal) && l.Contains(" kept ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inspect_WithoutMapping_ListsTheMissingColumnsWithTheFixAndMarksUnmappedColumnsIgnored()
    {
        var result = await RunAsync("inspect", RealExportTests.Sample("hubspot-companies.csv"));

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains("header: missing required column account_id (the header has 'Record ID' or 'Company name' — map it with --map account_id=\"Record ID\")", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(result.Stdout.Split('\n'), l => l.StartsWith("1   Record ID", StringComparison.Ordinal) && l.Contains("ignored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inspect_BadValues_ShowsTheSampleRejectedAndTheFirstProblems()
    {
        var result = await RunAsync("inspect", RealExportTests.Sample("salesforce-report.csv"));

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains("✗ '3/27/2027' is not an ISO date", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 would be scored, 5 rejected", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  line 2 (account 0015g00000AcmeAAA): Renewal Date:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("footer     Confidential Information - Do Not Distribute | Copyright", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Whatever the bytes, inspect reports or fails cleanly, never with an unexpected exception.</summary>
    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public bool Inspect_RandomBytes_NeverThrows(byte[] bytes)
    {
        using var temp = Temp();
        string path = temp.Write("random.csv", bytes);

        var result = RunAsync("inspect", path).GetAwaiter().GetResult();

        bool clean = !result.Stderr.Contains("unexpected", StringComparison.Ordinal) && !result.Stderr.Contains("   at ", StringComparison.Ordinal);
        return clean && (result.ExitCode == ExitCodes.Failed ? result.Stderr.StartsWith("error: ", StringComparison.Ordinal) : result.Stdout.StartsWith("input ", StringComparison.Ordinal));
    }

    /// <summary>Blank rows and footers mixed into a book: scored + rejected + skipped = the rows found, on both paths.</summary>
    [Property(MaxTest = 60, Arbitrary = [typeof(Arbitraries)])]
    public bool Score_BlankRowsAndFooters_ScoredPlusRejectedPlusSkippedEqualsRowsFound(Book book)
    {
        using var temp = Temp();
        string path = temp.Write("book.csv", book.Text);

        var json = RunAsync("score", path, "--format", "json", "--as-of", AsOfText).GetAwaiter().GetResult();
        var compact = RunAsync("score", path, "--compact", "--as-of", AsOfText).GetAwaiter().GetResult();

        var summary = json.Json().GetProperty("summary");
        long scored = summary.GetProperty("scored").GetInt64(), rejected = summary.GetProperty("rejected").GetInt64(), skipped = summary.GetProperty("skipped").GetInt64();
        string Line(CliResult r) => r.ErrorLines.Single(l => l.StartsWith("scored ", StringComparison.Ordinal)).Split(" as of ")[0];
        return scored + rejected + skipped == book.RowsFound && scored + rejected == summary.GetProperty("rows").GetInt64()
            && skipped == book.Blank + book.Footer && Line(json) == Line(compact);
    }

    public sealed record Book(string Text, int RowsFound, int Blank, int Footer)
    {
        public override string ToString() => Text;
    }

    public static class Arbitraries
    {
        public static Arbitrary<byte[]> Bytes() => Gen.OneOf(
            Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i)),
            Gen.ArrayOf(Gen.Elements("a", ",", ";", "\t", "\"", "\n", "\r\n", "ü", "€", "%", "1.000,5", "$", "arr", "account_id")).Select(p => Encoding.UTF8.GetBytes("account_id,arr\n" + string.Concat(p))))
            .ToArbitrary();

        /// <summary>Data rows (good and bad), blank rows anywhere, and a footer of one-field lines at the end.</summary>
        public static Arbitrary<Book> Books() =>
            (from rows in Gen.ArrayOf(Gen.Frequency(
                 (4, Gen.Elements("a{0},100,50", "a{0},abc,50", "a{0},,", ",200,10", "a{0},\"1,000\",101")),
                 (2, Gen.Elements(",,", "", "  ,  ,  ", "\"\",,")),
                 (1, Gen.Elements("Total,,", "x"))))
             from footer in Gen.Choose(0, 3)
             from lineEnd in Gen.Elements("\n", "\r\n")
             select Build(rows, footer, lineEnd)).ToArbitrary();

        private static Book Build(string[] rows, int footerLines, string lineEnd)
        {
            var text = new StringBuilder("account_id,arr,plan_fit" + lineEnd);
            int blank = 0, data = 0, trailingOneField = 0;
            for (int i = 0; i < rows.Length; i++)
            {
                string row = string.Format(System.Globalization.CultureInfo.InvariantCulture, rows[i], i);
                text.Append(row).Append(lineEnd);
                bool isBlank = row.Replace(",", string.Empty, StringComparison.Ordinal).Replace("\"", string.Empty, StringComparison.Ordinal).Trim().Length == 0;
                bool oneField = !isBlank && row.Split(',').Count(f => f.Trim().Length > 0) == 1;
                if (isBlank)
                {
                    blank++;
                }
                else if (oneField)
                {
                    trailingOneField++;
                }
                else
                {
                    data += trailingOneField + 1;
                    trailingOneField = 0;
                }
            }

            for (int i = 0; i < footerLines; i++)
            {
                text.Append("\"Footer line ").Append(i).Append('"').Append(lineEnd);
            }

            int footer = trailingOneField + footerLines;
            return new Book(text.ToString(), data + blank + footer, blank, footer);
        }
    }
}
