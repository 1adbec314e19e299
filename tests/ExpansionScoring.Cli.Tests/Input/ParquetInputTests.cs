using System.Globalization;
using ExpansionScoring.Cli.Commands;
using Parquet;
using Parquet.Schema;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Input;

/// <summary>
/// A Parquet book (written here with Parquet.Net, typed as a warehouse extract is: doubles, integers, dates, text) is
/// read as the same rows as its CSV export: it scores and aggregates exactly as the CSV book, and bad values and missing
/// columns give the CSV's messages.
/// </summary>
public class ParquetInputTests
{
    private static readonly string[] Doubles = ["arr", "health_score", "usage_trend_pct"];
    private static readonly string[] Integers = ["seats_purchased", "seats_active", "features_used", "features_available", "active_departments"];

    private static string Canonical => RealExportTests.Sample("canonical.csv");

    [Theory]
    [InlineData("score")]
    [InlineData("portfolio")]
    public async Task TypedParquetBook_GivesExactlyTheJsonOfTheCsvBook(string command)
    {
        using var temp = Temp();
        string parquet = await WriteParquetAsync(temp.File("book.parquet"), CsvText.Read(File.ReadAllText(Canonical)));

        var csv = await RunAsync(command, Canonical, "--format", "json", "--as-of", AsOfText);
        var result = await RunAsync(command, parquet, "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, csv.ExitCode);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(csv.Stdout.Replace(Canonical, "BOOK", StringComparison.Ordinal), result.Stdout.Replace(parquet, "BOOK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FolderOfParquetParts_GivesThePortfolioOfTheWholeCsvBook()
    {
        using var temp = Temp();
        var rows = CsvText.Read(File.ReadAllText(Canonical));
        Directory.CreateDirectory(temp.File("parts"));
        await WriteParquetAsync(temp.File("parts/part-0.parquet"), rows[..2]);
        await WriteParquetAsync(temp.File("parts/part-1.parquet"), rows[2..]);

        var csv = await RunAsync("portfolio", Canonical, "--format", "json", "--as-of", AsOfText);
        var result = await RunAsync("portfolio", temp.File("parts"), "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(5, result.Json().GetProperty("accountCount").GetInt64());
        Assert.Equal(csv.Stdout.Replace(Canonical, "BOOK", StringComparison.Ordinal), result.Stdout.Replace(temp.File("parts"), "BOOK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RenamedColumn_MappedWithMap_AsForCsv()
    {
        using var temp = Temp();
        var rows = CsvText.Read(File.ReadAllText(Canonical))
            .Select(r => r.ToDictionary(p => p.Key == "health_score" ? "Health Score (0-100)" : p.Key, p => p.Value)).ToList();
        string parquet = await WriteParquetAsync(temp.File("renamed.parquet"), rows, textColumns: ["Health Score (0-100)"]);

        var csv = await RunAsync("score", Canonical, "--format", "json", "--as-of", AsOfText);
        var unmapped = await RunAsync("score", parquet, "--format", "json", "--as-of", AsOfText);
        var mapped = await RunAsync("score", parquet, "--map", "health_score=Health Score (0-100)", "--format", "json", "--as-of", AsOfText);

        Assert.Contains("ignoring unknown column Health Score (0-100)", unmapped.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, mapped.ExitCode);
        Assert.DoesNotContain("unknown column", mapped.Stderr, StringComparison.Ordinal);
        Assert.Equal(csv.Json().GetProperty("accounts").ToString().Replace(Canonical, "BOOK", StringComparison.Ordinal), mapped.Json().GetProperty("accounts").ToString().Replace(parquet, "BOOK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inspect_ParquetBook_ShowsItsColumnsRowsAndTheRowThatWouldBeRejected()
    {
        using var temp = Temp();
        var rows = CsvText.Read(File.ReadAllText(Canonical))
            .Select(r => r.ToDictionary(p => p.Key == "health_score" ? "Health Score (0-100)" : p.Key, p => p.Value)).ToList();
        rows[1]["seats_active"] = "many";
        string parquet = await WriteParquetAsync(temp.File("book.parquet"), rows, textColumns: ["Health Score (0-100)", "seats_active"]);

        var result = await RunAsync("inspect", parquet);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode); // as for a CSV export with a bad row
        Assert.Contains("format     Parquet (columns by name)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("encoding   Parquet (values read as typed)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("rows       5 data rows; 4 would be scored, 1 rejected", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Health Score (0-100)", result.Stdout, StringComparison.Ordinal); // an unknown column, listed for --map
        Assert.Contains("seats_active", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("many", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("delimiter", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedNumbers_AreNotReparsedUnderTheCulture()
    {
        using var temp = Temp();
        string parquet = await WriteParquetAsync(temp.File("book.parquet"), CsvText.Read(File.ReadAllText(Canonical)));

        var csv = await RunAsync("score", Canonical, "--format", "json", "--as-of", AsOfText);
        var german = await RunAsync("score", parquet, "--culture", "de-DE", "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, german.ExitCode);
        Assert.Equal(csv.Json().GetProperty("accounts").ToString().Replace(Canonical, "BOOK", StringComparison.Ordinal), german.Json().GetProperty("accounts").ToString().Replace(parquet, "BOOK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadValueInATextColumn_RejectsThatRowNamingRowFieldAndValue_AsForCsv()
    {
        using var temp = Temp();
        var rows = CsvText.Read(File.ReadAllText(Canonical));
        rows[1]["seats_active"] = "many";
        string csvPath = temp.Write("bad.csv", ToCsv(rows));
        string parquet = await WriteParquetAsync(temp.File("bad.parquet"), rows, textColumns: ["seats_active"]);

        var csv = await RunAsync("score", csvPath, "--format", "json", "--as-of", AsOfText);
        var result = await RunAsync("score", parquet, "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        var rejected = Assert.Single(result.Json().GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, rejected.GetProperty("line").GetInt64());
        Assert.Equal(rows[1]["account_id"], rejected.GetProperty("accountId").GetString());
        Assert.Equal("seats_active", rejected.GetProperty("field").GetString());
        Assert.Equal("many", rejected.GetProperty("value").GetString());
        Assert.Equal(csv.Json().GetProperty("rejected").ToString(), result.Json().GetProperty("rejected").ToString());
        Assert.Equal(4, result.Json().GetProperty("summary").GetProperty("scored").GetInt64());
    }

    [Fact]
    public async Task MissingRequiredColumn_SameMessageAsForCsv()
    {
        using var temp = Temp();
        var rows = CsvText.Read(File.ReadAllText(Canonical));
        foreach (var row in rows)
        {
            row.Remove("arr");
        }

        string csvPath = temp.Write("no-arr.csv", ToCsv(rows));
        string parquet = await WriteParquetAsync(temp.File("no-arr.parquet"), rows);

        var csv = await RunAsync("score", csvPath, "--as-of", AsOfText);
        var result = await RunAsync("score", parquet, "--as-of", AsOfText);

        result.AssertCleanFailure();
        Assert.Single(result.ErrorLines);
        Assert.Contains("missing required column arr", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(csv.Stderr.Replace(csvPath, "BOOK", StringComparison.Ordinal), result.Stderr.Replace(parquet, "BOOK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FileNamedParquetThatIsNotParquet_ExitsOneCleanly()
    {
        using var temp = Temp();
        string path = temp.Write("fake.parquet", "account_id,arr\na1,100\n");

        var result = await RunAsync("score", path, "--as-of", AsOfText);

        result.AssertCleanFailure();
        Assert.Contains(path + ": not a Parquet file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ColumnOfBinaryValues_ExitsOneNamingTheColumn_NoRowIsLostSilently()
    {
        using var temp = Temp();
        string path = temp.File("binary.parquet");
        var fields = new DataField[] { new DataField<string>("account_id"), new DataField<byte[]>("arr") };
        var stream = File.Create(path);
        await using (stream)
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], new string?[] { "a1" });
            await group.WriteAsync(fields[1], new byte[]?[] { [1, 2] });
        }

        var result = await RunAsync("score", path, "--as-of", AsOfText);

        result.AssertCleanFailure();
        Assert.Single(result.ErrorLines);
        Assert.Contains(path + ": column 'arr' holds binary values, which a book cannot carry (expected text, numbers, dates or booleans)", result.Stderr, StringComparison.Ordinal);
    }

    private static string ToCsv(List<Dictionary<string, string>> rows)
    {
        var header = rows[0].Keys.ToList();
        return string.Join(",", header) + "\n" + string.Concat(rows.Select(r => string.Join(",", header.Select(h => Quote(r[h]))) + "\n"));
    }

    private static string Quote(string field) => field.Contains(',', StringComparison.Ordinal) ? "\"" + field + "\"" : field;

    /// <summary>Writes the rows as a warehouse would: money and rates as doubles, counts as integers, dates as dates, the rest as text; empty is null.</summary>
    private static async Task<string> WriteParquetAsync(string path, List<Dictionary<string, string>> rows, string[]? textColumns = null)
    {
        var header = rows[0].Keys.ToList();
        var fields = header.Select(h => textColumns?.Contains(h) == true ? new DataField<string>(h)
            : Doubles.Contains(h) ? new DataField<double?>(h)
            : Integers.Contains(h) ? new DataField<int?>(h)
            : h == "renewal_date" ? new DataField<DateOnly?>(h)
            : (DataField)new DataField<string>(h)).ToList();
        var stream = File.Create(path);
        await using (stream)
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            using var group = writer.CreateRowGroup();
            foreach (var field in fields)
            {
                var text = rows.Select(r => r[field.Name] is { Length: > 0 } v ? v : null).ToArray();
                switch (field)
                {
                    case DataField<double?>:
                        await group.WriteAsync<double>(field, new ReadOnlyMemory<double?>(text.Select(v => v is null ? (double?)null : double.Parse(v, CultureInfo.InvariantCulture)).ToArray()));
                        break;
                    case DataField<int?>:
                        await group.WriteAsync<int>(field, new ReadOnlyMemory<int?>(text.Select(v => v is null ? (int?)null : int.Parse(v, CultureInfo.InvariantCulture)).ToArray()));
                        break;
                    case DataField<DateOnly?>:
                        await group.WriteAsync<DateOnly>(field, new ReadOnlyMemory<DateOnly?>(text.Select(v => v is null ? (DateOnly?)null : DateOnly.Parse(v, CultureInfo.InvariantCulture)).ToArray()));
                        break;
                    default:
                        await group.WriteAsync(field, text);
                        break;
                }
            }
        }

        return path;
    }
}
