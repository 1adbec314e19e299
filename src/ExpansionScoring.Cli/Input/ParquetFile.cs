using System.Globalization;
using CsvHelper;
using ExpansionScoring.Parquet;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Reads a <c>.parquet</c> book with <see cref="ParquetBook"/> (Parquet.Net, one row group at a time) and hands it to
/// <see cref="CsvAccountSource"/> through <see cref="RowsAsCsv"/>: header names are the Parquet column names, so
/// <c>--map</c>, rejection and counting behave exactly as for a CSV export, and typed numbers and dates are written so
/// that <c>--culture</c> never changes them.
/// </summary>
internal static class ParquetFile
{
    /// <exception cref="CliException">The file is not a Parquet book, or lacks a required column.</exception>
    public static CsvAccountSource Open(string path, InputSchema schema, InputSettings settings, CultureInfo culture, bool requireIdAndArr = true) =>
        RowsAsCsv.Open(path, schema, settings, requireIdAndArr, csv => Write(path, culture, csv), ex => ex switch
        {
            InvalidOperationException => null,
            InvalidDataException => new CliException($"{path}: {ex.Message}", ex),
            _ => new CliException($"{path}: not a readable Parquet file ({ex.Message})", ex),
        });

    private static async Task Write(string path, CultureInfo culture, CsvWriter csv)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var row in ParquetBook.ReadRowsAsync(stream, culture).ConfigureAwait(false))
            {
                foreach (var field in row)
                {
                    csv.WriteField(field);
                }

                csv.EndRecord();
            }
        }
    }
}
