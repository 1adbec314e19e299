using System.Text;
using System.Text.Json;
using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Input;

/// <summary>
/// Exports as CRMs and spreadsheets write them (samples/mappings): each scores with its mapping, exit 0, every data row
/// scored, and gives exactly the results of the same book in the canonical format, on the full and the --compact path.
/// </summary>
public class RealExportTests
{
    public static TheoryData<string, string?> Shapes => new()
    {
        { "salesforce-report.csv", "salesforce-report.mapping.json" },
        { "salesforce-dataloader.csv", "salesforce-dataloader.mapping.json" },
        { "hubspot-companies.csv", "hubspot-companies.mapping.json" },
        { "gainsight-companies.csv", "gainsight-companies.mapping.json" },
        { "excel-de.csv", "excel-de.mapping.json" },
        { "excel-de-windows1252.csv", "excel-de-windows1252.mapping.json" },
        { "excel-unicode-text.tsv", "excel-unicode-text.mapping.json" },
        { "google-sheets.csv", null },
        { "excel-accounts.xlsx", "excel-accounts.mapping.json" },
    };

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", "mappings", name);

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Score_ExportWithItsMapping_ScoresExactlyAsTheCanonicalBook(string export, string? mapping)
    {
        var canonical = await RunAsync("score", Sample("canonical.csv"), "--format", "json", "--as-of", AsOfText);
        string[] mappingArgs = mapping is null ? [] : ["--mapping", Sample(mapping)];

        var result = await RunAsync(["score", Sample(export), .. mappingArgs, "--format", "json", "--as-of", AsOfText]);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var summary = result.Json().GetProperty("summary");
        Assert.Equal(5, summary.GetProperty("scored").GetInt64());
        Assert.Equal(0, summary.GetProperty("rejected").GetInt64());
        Assert.Equal(Accounts(canonical), Accounts(result));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ScoreCompact_ExportWithItsMapping_SameRowsAsTheCanonicalBook(string export, string? mapping)
    {
        var canonical = await RunAsync("score", Sample("canonical.csv"), "--compact", "--as-of", AsOfText);
        string[] mappingArgs = mapping is null ? [] : ["--mapping", Sample(mapping)];

        var result = await RunAsync(["score", Sample(export), .. mappingArgs, "--compact", "--as-of", AsOfText]);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(Compact(canonical), Compact(result));
    }

    [Fact]
    public async Task Score_SalesforceReport_FooterAndBlankLineSkippedCountedAndQuoted()
    {
        var result = await RunAsync("score", Sample("salesforce-report.csv"), "--mapping", Sample("salesforce-report.mapping.json"), "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(3, result.Json().GetProperty("summary").GetProperty("skipped").GetInt64());
        Assert.Contains("warning: " + Sample("salesforce-report.csv") + ": skipped a report footer of 2 lines after the last data row: 'Confidential Information - Do Not Distribute', 'Copyright (c) 2000-2026 salesforce.com, inc. All rights rese…'", result.ErrorLines);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("scored 5 of 5 rows (0 rejected; skipped 1 blank row and a 2-line footer)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Score_HubSpotExportWithoutMapping_NamesTheNearestHeadersAndTheFix()
    {
        var result = await RunAsync("score", Sample("hubspot-companies.csv"), "--as-of", AsOfText);

        result.AssertCleanFailure();
        Assert.Contains("missing required column account_id (the header has 'Record ID' or 'Company name' — map it with --map account_id=\"Record ID\")", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("missing required column arr (the header has 'Annual recurring revenue' — map it with --map arr=\"Annual recurring revenue\")", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_SalesforceReportWithoutMapping_HeadersMatchedByNameButUsDatesNeedTheCulture()
    {
        var result = await RunAsync("score", Sample("salesforce-report.csv"), "--as-of", AsOfText);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.Contains("Renewal Date: '3/27/2027' is not an ISO date", StringComparison.Ordinal) && l.Contains("--culture", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Score_MapFlags_WinOverTheMappingFile()
    {
        using var temp = Temp();
        string mapping = temp.Write("m.json", """{ "columns": { "account_id": "No Such Column" } }""");

        var result = await RunAsync("score", Sample("hubspot-companies.csv"), "--mapping", mapping, "--map", "account_id=Record ID", "--map", "arr=Annual recurring revenue", "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(5, result.Json().GetProperty("summary").GetProperty("scored").GetInt64());
    }

    [Fact]
    public async Task Score_ConfigInputSection_ReadAsTheMapping()
    {
        using var temp = Temp();
        string config = temp.Write("config.json", """
            {
              "Preset": "MidMarketBalanced",
              "Input": { "columns": { "account_id": "Record ID", "arr": "Annual recurring revenue" } }
            }
            """);

        var result = await RunAsync("score", Sample("hubspot-companies.csv"), "--config", config, "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(5, result.Json().GetProperty("summary").GetProperty("scored").GetInt64());
    }

    [Fact]
    public async Task Score_MappedColumnAbsent_ExitsOneNamingIt()
    {
        var result = await RunAsync("score", Sample("canonical.csv"), "--map", "arr=ARR (USD)");

        result.AssertCleanFailure();
        Assert.Contains("the mapped column 'ARR (USD)' (for arr) is not in the header", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_MappingNamesUnknownField_ExitsOneListingTheKnownOnes()
    {
        var result = await RunAsync("score", Sample("canonical.csv"), "--map", "revenue=arr");

        result.AssertCleanFailure();
        Assert.Contains("the mapping names an unknown field 'revenue' (known: account_id, arr,", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_MapWithoutEquals_ExitsOneWithTheForm()
    {
        var result = await RunAsync("score", Sample("canonical.csv"), "--map", "account_id");

        result.AssertCleanFailure();
        Assert.Contains("--map: 'account_id' is not FIELD=COLUMN", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_Windows1252WithoutEncoding_StopsAtTheFirstBadLineWithTheHint()
    {
        var result = await RunAsync("score", Sample("excel-de-windows1252.csv"), "--culture", "de-DE", "--map", "account_id=Kunden-ID");

        result.AssertCleanFailure();
        Assert.Contains("line 1: the text is not valid UTF-8", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--encoding windows-1252", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_InvalidUtf8InADataRow_NamesThatLine()
    {
        using var temp = Temp();
        string path = temp.Write("latin1.csv", [.. "account_id,name,arr\na1,Fine,100\na2,M"u8, 0xFC, .. "ller,200\n"u8]);

        var result = await RunAsync("score", path);

        result.AssertCleanFailure();
        Assert.Contains("latin1.csv, line 3: the text is not valid UTF-8", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_Windows1252WithEncoding_DecodesTheUmlauts()
    {
        var result = await RunAsync("score", Sample("excel-de-windows1252.csv"), "--mapping", Sample("excel-de-windows1252.mapping.json"), "--format", "json", "--as-of", AsOfText);

        Assert.Contains("Müller Präzision GmbH", result.Json().GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData("|")]
    public async Task Score_SeparatorDetectedFromTheHeader(string separator)
    {
        using var temp = Temp();
        string path = temp.Write("book.csv", $"account_id{separator}arr{separator}plan_fit\na1{separator}100{separator}50\n");

        var result = await RunAsync("score", path, "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(100, result.Json().GetProperty("accounts")[0].GetProperty("arr").GetDouble());
    }

    [Fact]
    public async Task Score_DelimiterForced_OverridesDetection()
    {
        using var temp = Temp();
        string path = temp.Write("book.csv", "account_id;arr\na1;100\n");

        var result = await RunAsync("score", path, "--delimiter", ",");

        result.AssertCleanFailure();
        Assert.Contains("missing required column", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_AmbiguousDateWithoutCulture_RejectedWithTheHint()
    {
        using var temp = Temp();
        string path = temp.Write("book.csv", "account_id,arr,renewal_date\na1,100,03/04/2027\n");

        var result = await RunAsync("score", path, "--format", "json");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        string reason = result.Json().GetProperty("rejected")[0].GetProperty("reason").GetString()!;
        Assert.Contains("day-first or month-first cannot be told", reason, StringComparison.Ordinal);
        Assert.Contains("--culture", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", ExitCodes.RowsRejected)]
    [InlineData("en-GB", ExitCodes.Success)]
    [InlineData("de-DE", ExitCodes.RowsRejected)]
    public async Task Score_CultureDecidesDayOrMonthFirst(string culture, int exitCode)
    {
        using var temp = Temp();
        string path = temp.Write("book.csv", "account_id,arr,renewal_date\na1,100,13/04/2027\n");

        var result = await RunAsync("score", path, "--culture", culture, "--as-of", "2027-01-01");

        Assert.Equal(exitCode, result.ExitCode);
    }

    [Fact]
    public async Task Score_UnknownCulture_ExitsOne()
    {
        var result = await RunAsync("score", Sample("canonical.csv"), "--culture", "xx-NOPE");

        result.AssertCleanFailure();
        Assert.Contains("--culture: unknown culture 'xx-NOPE'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_EveryBadFieldOfARow_NamedOnStandardErrorInRejectsAndInJson()
    {
        using var temp = Temp();
        string path = temp.Write("book.csv", "account_id,arr,plan_fit,renewal_date,seats_purchased\nbad,abc,120,2027-13-01,2.5\n");
        string rejects = temp.File("rejects.csv");

        var stderr = await RunAsync("score", path);
        var json = await RunAsync("score", path, "--format", "json");
        await RunAsync("score", path, "--rejects", rejects);

        Assert.Contains("rejected line 2 (account bad): arr: 'abc' is not a number; plan_fit: 120 is outside 0–100; renewal_date: '2027-13-01' is not a date (expected yyyy-MM-dd); seats_purchased: '2.5' is not a whole number", stderr.ErrorLines);
        var fields = json.Json().GetProperty("rejected")[0].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()).ToList();
        Assert.Equal(["arr", "plan_fit", "renewal_date", "seats_purchased"], fields);
        var lines = File.ReadAllLines(rejects);
        Assert.Equal(5, lines.Length);
        Assert.Equal(["arr", "plan_fit", "renewal_date", "seats_purchased"], lines.Skip(1).Select(l => l.Split(',')[2]));
    }

    [Fact]
    public async Task Score_BlankRowsInTheMiddle_SkippedAndCountedNotRejected()
    {
        using var temp = Temp();
        string path = temp.Write("book.csv", "account_id,arr\na1,100\n,\n\n  ,  \na2,200\n");

        var result = await RunAsync("score", path, "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var summary = result.Json().GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("scored").GetInt64());
        Assert.Equal(3, summary.GetProperty("skipped").GetInt64());
    }

    [Fact]
    public async Task Score_OneFieldRowFollowedByData_IsDataNotFooter()
    {
        using var temp = Temp();
        string path = temp.Write("book.csv", "account_id,arr\na1,100\nTotal,\na2,200\nTotal\n");

        var result = await RunAsync("score", path, "--format", "json");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        var json = result.Json();
        Assert.Equal(3, json.GetProperty("summary").GetProperty("rows").GetInt64());
        Assert.Equal(1, json.GetProperty("summary").GetProperty("skipped").GetInt64());
        Assert.Equal(3, json.GetProperty("rejected")[0].GetProperty("line").GetInt64());
    }

    [Fact]
    public async Task ScoreCompact_BlankRowsAndFooter_SameCountsAsTheFullPath()
    {
        using var temp = Temp();
        string path = temp.Write("book.csv", "account_id,arr\na1,100\n,\nTotal,\na2,200\n\n\"Confidential\"\n");

        var full = await RunAsync("score", path, "--format", "csv");
        var compact = await RunAsync("score", path, "--compact");

        Assert.Equal(full.ExitCode, compact.ExitCode);
        const string Expected = "scored 2 of 3 rows (1 rejected; skipped 2 blank rows and a 1-line footer)";
        Assert.Contains(full.ErrorLines, l => l.StartsWith(Expected, StringComparison.Ordinal));
        Assert.Contains(compact.ErrorLines, l => l.StartsWith(Expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Score_AllSignals100_OutputsShowExactBoundsWithoutFloatNoise()
    {
        using var temp = Temp();
        string path = temp.Write("book.csv", "account_id,arr,plan_fit,velocity,engagement,champion,triggers,segment\na,100,100,100,100,100,100,Enterprise\nb,12345.678,84.47,84.47,84.47,84.47,84.47,SMB\n");

        var json = await RunAsync("score", path, "--format", "json", "--as-of", AsOfText);
        var jsonl = await RunAsync("score", path, "--format", "jsonl", "--as-of", AsOfText);
        var csv = await RunAsync("score", path, "--as-of", AsOfText);
        var compact = await RunAsync("score", path, "--compact", "--as-of", AsOfText);

        var a = json.Json().GetProperty("accounts")[0];
        Assert.Equal("100", a.GetProperty("composite").GetRawText());
        Assert.Equal("95", a.GetProperty("probability").GetRawText());
        Assert.Equal("17.1", a.GetProperty("opportunity").GetRawText());
        var b = jsonl.JsonLines()[1];
        Assert.Equal("84.47", b.GetProperty("composite").GetRawText());
        Assert.Equal("12345.68", b.GetProperty("arr").GetRawText());
        Assert.Equal("95", csv.CsvRows()[0]["probability"]);
        Assert.Equal("84.47", csv.CsvRows()[1]["composite"]);
        Assert.Equal("17.1", compact.CsvRows()[0]["opportunity"]);
        Assert.Equal("84.47", compact.CsvRows()[1]["composite"]);
    }

    [Fact]
    public async Task Score_WorkbookUnderADecimalCommaCulture_TypedCellsReadExactly()
    {
        var canonical = await RunAsync("score", Sample("canonical.csv"), "--format", "json", "--as-of", AsOfText);

        var result = await RunAsync("score", Sample("excel-accounts.xlsx"), "--mapping", Sample("excel-accounts.mapping.json"), "--culture", "de-DE", "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(Accounts(canonical), Accounts(result));
    }

    [Fact]
    public async Task Score_WorkbookWithoutThatSheet_ExitsOneListingItsSheets()
    {
        var result = await RunAsync("score", Sample("excel-accounts.xlsx"), "--sheet", "Nope");

        result.AssertCleanFailure();
        Assert.Contains("--sheet: " + Sample("excel-accounts.xlsx") + " has no sheet 'Nope' (its sheets: Accounts)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_FileNamedXlsxThatIsNotAWorkbook_ExitsOneCleanly()
    {
        using var temp = Temp();
        string path = temp.Write("fake.xlsx", "account_id,arr\na1,100\n");

        var result = await RunAsync("score", path);

        result.AssertCleanFailure();
        Assert.Contains("not a readable .xlsx workbook", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Score_ExcelUnderGerman_ByteOrderMarkSemicolonsAndDecimalCommas(bool compact)
    {
        string[] args = ["score", Sample("excel-de.csv"), "--mapping", Sample("excel-de.mapping.json"), "--excel", "--as-of", AsOfText];

        var result = await RunAsync(compact ? [.. args, "--compact"] : args);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.StartsWith("\uFEFFaccount_id;", result.Stdout, StringComparison.Ordinal);
        string acme = result.Stdout.Split('\n')[1];
        Assert.StartsWith("0015g00000AcmeAAA;", acme, StringComparison.Ordinal);
        Assert.Contains(";79,25;76,32;Hot;", acme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_ExcelWithoutCulture_ByteOrderMarkCommasAndPoints()
    {
        var result = await RunAsync("score", Sample("canonical.csv"), "--excel", "--as-of", AsOfText);

        Assert.StartsWith("\uFEFFaccount_id,name,", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(",79.25,76.32,Hot,", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_ExcelWithJson_ExitsOne()
    {
        var result = await RunAsync("score", Sample("canonical.csv"), "--excel", "--format", "json");

        result.AssertCleanFailure();
        Assert.Contains("--excel writes CSV", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_KeepColumns_CopiedIntoEveryOutputNextToTheScores()
    {
        string[] args = ["score", Sample("hubspot-companies.csv"), "--mapping", Sample("hubspot-companies.mapping.json"), "--as-of", AsOfText];

        var csv = await RunAsync([.. args, "--format", "csv"]);
        var json = await RunAsync([.. args, "--format", "json"]);
        var jsonl = await RunAsync([.. args, "--format", "jsonl", "--top", "2"]);
        var table = await RunAsync([.. args, "--format", "table"]);
        var compact = await RunAsync([.. args, "--compact"]);
        var flag = await RunAsync([.. args, "--keep", "Create Date", "--format", "csv"]);

        Assert.Equal(["Dana Whitfield", "Sam Ortiz", "Dana Whitfield", "Sam Ortiz", "Lee Chen"], csv.CsvRows().Select(r => r["Company owner"]));
        Assert.Equal(["EMEA", "NA", "EMEA", "NA", "APAC"], compact.CsvRows().Select(r => r["Region"]));
        var input = json.Json().GetProperty("accounts")[2].GetProperty("input");
        Assert.Equal("Dana Whitfield", input.GetProperty("Company owner").GetString());
        Assert.Equal("EMEA", input.GetProperty("Region").GetString());
        Assert.All(jsonl.JsonLines(), a => Assert.True(a.GetProperty("input").TryGetProperty("Region", out _)));
        Assert.Contains("Company owner", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("Lee Chen", table.Stdout, StringComparison.Ordinal);
        Assert.Equal("2024-01-15 09:30", flag.CsvRows()[0]["Create Date"]);
        Assert.False(flag.CsvRows()[0].ContainsKey("Region"));
    }

    [Fact]
    public async Task Score_KeepColumnAbsent_ExitsOneNamingIt()
    {
        var result = await RunAsync("score", Sample("canonical.csv"), "--keep", "Owner");

        result.AssertCleanFailure();
        Assert.Contains("the column to keep 'Owner' is not in the header", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The accounts as JSON without the kept input columns, which the canonical book does not have.</summary>
    private static string Accounts(CliResult result)
        => JsonSerializer.Serialize(result.Json().GetProperty("accounts").EnumerateArray()
            .Select(a => a.EnumerateObject().Where(p => p.Name != "input").ToDictionary(p => p.Name, p => p.Value)));

    /// <summary>The compact CSV's own fifteen columns, without the kept ones.</summary>
    private static string Compact(CliResult result)
        => string.Join("\n", result.CsvRows().Select(r => string.Join(",", ExpansionScoring.Cli.Output.CompactCsvWriter.Header.Select(h => r[h]))));
}
