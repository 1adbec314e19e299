using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Reads an <c>.xlsx</c> workbook with MiniExcel (streaming, so memory stays flat) and hands its first sheet, or
/// <c>--sheet NAME</c>, to <see cref="CsvAccountSource"/> as CSV through a pipe, so a workbook is mapped, counted and
/// rejected by exactly the same reader as a CSV export, on both score paths. Cells stored as Excel numbers are written
/// in the culture's decimal form (so they read back exactly under any <c>--culture</c>), dates as ISO dates, booleans as
/// true/false: no culture issue can touch a typed cell.
/// </summary>
internal static class ExcelWorkbook
{
    /// <exception cref="CliException">The file is not a readable workbook, or has no sheet of that name.</exception>
    public static CsvAccountSource Open(string path, InputSchema schema, InputSettings settings, CultureInfo culture, bool requireIdAndArr = true)
    {
        List<string> sheets;
        try
        {
            sheets = MiniExcel.GetSheetNames(path);
        }
#pragma warning disable CA1031 // Whatever the library throws for a file that is not a workbook becomes one clear message.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            throw new CliException($"{path}: not a readable .xlsx workbook ({ex.Message})", ex);
        }

        string sheet = settings.Sheet is { } wanted
            ? sheets.FirstOrDefault(s => string.Equals(s.Trim(), wanted.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new CliException($"--sheet: {path} has no sheet '{wanted}' (its sheets: {string.Join(", ", sheets)})")
            : sheets.FirstOrDefault() ?? throw new CliException($"{path}: the workbook has no sheets");

        return RowsAsCsv.Open(path, schema, settings, requireIdAndArr, csv => Write(path, sheet, culture, csv), ex =>
            ex is InvalidOperationException ? null : new CliException($"{path}: cannot read sheet '{sheet}' of the workbook: {ex.Message}", ex));
    }

    private static Task Write(string path, string sheet, CultureInfo culture, CsvWriter csv)
    {
        // The rows as objects (each is a dictionary of cells): a cast from dynamic would need the runtime binder,
        // which the Native AOT build does not have.
        IEnumerable<object> rows = MiniExcel.Query(path, useHeaderRow: false, sheetName: sheet);
        foreach (var row in rows.Cast<IDictionary<string, object?>>())
        {
            foreach (var cell in row.Values)
            {
                csv.WriteField(Text(cell, culture));
            }

            csv.EndRecord();
        }

        return Task.CompletedTask;
    }

    /// <summary>A typed cell as text the value parser reads back exactly under <paramref name="culture"/>.</summary>
    private static string? Text(object? cell, CultureInfo culture) => cell switch
    {
        null => null,
        string s => s,
        double d => d.ToString("R", culture),
        decimal m => m.ToString(culture),
        int i => i.ToString(culture),
        long l => l.ToString(culture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(cell, culture),
    };
}
