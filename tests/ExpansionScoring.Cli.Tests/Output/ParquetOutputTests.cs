using System.Globalization;
using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.Cli.Tests.Input;
using Parquet;
using Parquet.Schema;
using static ExpansionScoring.Cli.Tests.CliHarness;
using static ExpansionScoring.Cli.Tests.CsvText;

namespace ExpansionScoring.Cli.Tests.Output;

/// <summary>
/// <c>score --format parquet</c> (or an <c>--out</c> file named <c>.parquet</c>): read back with Parquet.Net, the file
/// holds the <c>--compact</c> CSV's columns, typed, with the CSV's values on every account and a null wherever the CSV
/// leaves a field empty.
/// </summary>
public sealed class ParquetOutputTests
{
    private static readonly Dictionary<string, Type> Types = new()
    {
        ["account_id"] = typeof(string), ["segment"] = typeof(string), ["arr"] = typeof(double), ["composite"] = typeof(double),
        ["probability"] = typeof(double), ["band"] = typeof(string), ["offer"] = typeof(string), ["offer_rule"] = typeof(string),
        ["opportunity"] = typeof(double), ["window"] = typeof(string), ["confidence"] = typeof(string), ["gated"] = typeof(bool),
        ["gates_blocked"] = typeof(string), ["gates_not_evaluated"] = typeof(string), ["missing_signals"] = typeof(int),
    };

    [Theory]
    [InlineData("book.csv", "--format", "parquet")]
    [InlineData("book.csv")] // inferred from the .parquet name of --out
    [InlineData("book.json", "--format", "parquet", "--compact")]
    public async Task VariedBook_ParquetHoldsTheCompactCsvOnEveryAccount(string input, params string[] format)
    {
        var (csv, json) = JsonAccountSourceTests.VariedBook(400, seed: 11);
        using var temp = Temp();
        string book = input.EndsWith(".csv", StringComparison.Ordinal) ? temp.Write(input, csv) : temp.Write(input, json);
        string parquet = temp.File("scores.parquet");

        var expected = await RunAsync("score", book, "--compact", "--as-of", AsOfText, "--quiet");
        var result = await RunAsync(["score", book, .. format, "--out", parquet, "--as-of", AsOfText, "--quiet"]);

        Assert.Equal(ExitCodes.RowsRejected, expected.ExitCode);
        Assert.Equal(expected.ExitCode, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal(expected.Stderr, result.Stderr);
        var rows = Read(expected.Stdout);
        Assert.True(rows.Count > 300);
        AssertSame(rows, await ReadParquetAsync(parquet), CompactCsvWriter.Header);
    }

    [Fact]
    public async Task RowRouteWithKeptColumns_ParquetHoldsTheCompactCsvOnEveryAccount()
    {
        // Telemetry columns take the row route (the general engine); --keep adds text columns, null where empty.
        using var temp = Temp();
        string book = temp.Write("book.csv", "account_id,arr,plan_fit,usage_trend_pct,Owner\na,1000,80,12.5,Ann\nb,2000,,-3,\nc,-1,50,,Bo\nd,5000,95,40,Cy\n");
        string parquet = temp.File("scores.parquet");

        var expected = await RunAsync("score", book, "--compact", "--keep", "Owner", "--as-of", AsOfText, "--quiet");
        var result = await RunAsync("score", book, "--format", "parquet", "--keep", "Owner", "--out", parquet, "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        var columns = await ReadParquetAsync(parquet);
        Assert.Equal([.. CompactCsvWriter.Header, "Owner"], columns.Keys);
        Assert.Null(columns["Owner"][1]);
        AssertSame(Read(expected.Stdout), columns, [.. CompactCsvWriter.Header, "Owner"]);
    }

    [Fact]
    public async Task ParquetToStandardOutput_RefusedWithTheReason()
    {
        using var temp = Temp();
        string book = temp.Write("book.csv", "account_id,arr\na,1000\n");

        var result = await RunAsync("score", book, "--format", "parquet", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("--format parquet writes a file: give --out FILE.parquet", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pitch", "--format parquet writes only the numbers and names; it cannot be combined with --pitch")]
    [InlineData("--excel", "--excel writes CSV; it cannot be combined with --format parquet")]
    public async Task ParquetWithACsvOnlyOption_RefusedNamingBoth(string option, string message)
    {
        using var temp = Temp();
        string book = temp.Write("book.csv", "account_id,arr\na,1000\n");

        var result = await RunAsync("score", book, "--format", "parquet", option, "--out", temp.File("x.parquet"), "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("x.parquet")));
    }

    [Fact]
    public async Task FormatCsvGivenWithAParquetName_WritesCsvAsAsked()
    {
        using var temp = Temp();
        string book = temp.Write("book.csv", "account_id,arr\na,1000\n");
        string output = temp.File("x.parquet");

        var result = await RunAsync("score", book, "--format", "csv", "--compact", "--out", output, "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.StartsWith("account_id,segment,", File.ReadAllText(output), StringComparison.Ordinal);
    }

    private static void AssertSame(List<Dictionary<string, string>> rows, Dictionary<string, List<object?>> columns, IReadOnlyList<string> names)
    {
        Assert.Equal(names, columns.Keys);
        foreach (string name in names)
        {
            var values = columns[name];
            Assert.Equal(rows.Count, values.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                string text = rows[i][name];
                object? value = values[i];
                object? wanted = (Types.GetValueOrDefault(name) ?? typeof(string)) switch
                {
                    var t when t == typeof(double) => double.Parse(text, CultureInfo.InvariantCulture),
                    var t when t == typeof(int) => int.Parse(text, CultureInfo.InvariantCulture),
                    var t when t == typeof(bool) => bool.Parse(text),
                    _ => text.Length == 0 ? null : text,
                };
                Assert.True(Equals(wanted, value), $"account {rows[i]["account_id"]}, {name}: the CSV has '{text}', the Parquet {value ?? "null"}");
            }
        }
    }

    /// <summary>Each column of the file by name, its values typed as Parquet.Net reads them, checking each column's type.</summary>
    private static async Task<Dictionary<string, List<object?>>> ReadParquetAsync(string path)
    {
        var columns = new Dictionary<string, List<object?>>();
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        foreach (var field in fields)
        {
            Assert.Equal(Types.GetValueOrDefault(field.Name) ?? typeof(string), IsText(field) ? typeof(string) : field.ClrType);
            columns[field.Name] = [];
        }

        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            foreach (var field in fields)
            {
                columns[field.Name].AddRange(await ReadAsync(group, field, n));
            }
        }

        return columns;
    }

    /// <summary>Parquet.Net reads a UTF-8 column as text, typed string or (on reading) <c>ReadOnlyMemory&lt;char&gt;</c>.</summary>
    private static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    private static async Task<IEnumerable<object?>> ReadAsync(ParquetRowGroupReader group, DataField field, int n)
    {
        if (IsText(field))
        {
            var text = new string?[n];
            await group.ReadAsync(field, text.AsMemory(), null);
            return text;
        }

        Assert.False(field.IsNullable, $"{field.Name} is always there");
        if (field.ClrType == typeof(double))
        {
            var values = new double[n];
            await group.ReadAsync(field, values.AsMemory(), null);
            return values.Cast<object?>();
        }

        if (field.ClrType == typeof(bool))
        {
            var values = new bool[n];
            await group.ReadAsync(field, values.AsMemory(), null);
            return values.Cast<object?>();
        }

        var integers = new int[n];
        await group.ReadAsync(field, integers.AsMemory(), null);
        return integers.Cast<object?>();
    }
}
