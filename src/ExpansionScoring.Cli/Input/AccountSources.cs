namespace ExpansionScoring.Cli.Input;

/// <summary>Opens the <c>INPUT</c> argument: a .csv, .tsv, .xlsx, .parquet or .json file, or <c>-</c> for CSV on standard input.</summary>
internal static class AccountSources
{
    /// <exception cref="CliException">The file is missing, is not CSV or JSON, is empty, or lacks a required column.</exception>
    public static IAccountSource Open(string input, TextReader stdin, InputSchema schema, InputSettings settings, Action<string> warn)
    {
        if (input == "-")
        {
            return Warn(CsvAccountSource.Open(stdin, "standard input", schema, settings), warn);
        }

        if (Directory.Exists(input))
        {
            throw new CliException($"{input}: is a directory, not a file");
        }

        if (!File.Exists(input))
        {
            throw new CliException($"{input}: file not found");
        }

        string extension = Path.GetExtension(input).ToUpperInvariant();
        if (extension is ".TSV")
        {
            extension = ".CSV"; // Delimited text all the same; the separator is detected.
        }

        if (extension == ".XLSX")
        {
            return Warn(ExcelWorkbook.Open(input, schema, settings, InputSetup.Values(settings).Culture), warn);
        }

        if (extension == ".PARQUET")
        {
            return Warn(ParquetFile.Open(input, schema, settings, InputSetup.Values(settings).Culture), warn);
        }

        if (extension is not (".CSV" or ".JSON"))
        {
            throw new CliException($"{input}: not a CSV, Excel, Parquet or JSON file (give a .csv, .tsv, .xlsx, .parquet or .json file, or - for CSV on standard input)");
        }

        var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return extension == ".CSV"
                ? Warn(CsvAccountSource.Open(stream, input, schema, settings, stream.Length), warn)
                : new JsonAccountSource(stream, input, schema, stream.Length, warn);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Warns about the columns that feed nothing, so a misspelt or unmapped signal column is not lost silently.</summary>
    private static CsvAccountSource Warn(CsvAccountSource source, Action<string> warn)
    {
        var unknown = source.Map.Unknown;
        if (unknown.Count > 0)
        {
            warn($"warning: {source.Name}: ignoring unknown column{(unknown.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unknown)}");
        }

        return source;
    }

    /// <summary>
    /// The skipped rows for the summary line (<c>; skipped 3 blank rows and a 2-line footer</c>), and the footer quoted in
    /// a warning, so nothing disappears without being named.
    /// </summary>
    /// <returns>The text to append to the summary line, empty when nothing was skipped.</returns>
    public static string Skipped(IAccountSource source, string input, Action<string> warn)
    {
        var footer = source.Footer;
        if (footer.Count > 0)
        {
            string quoted = string.Join(", ", footer.Take(5).Select(f => $"'{(f.Length > 60 ? f[..60] + "…" : f)}'"));
            warn($"warning: {input}: skipped a report footer of {footer.Count} line{(footer.Count > 1 ? "s" : string.Empty)} after the last data row: {quoted}{(footer.Count > 5 ? ", …" : string.Empty)}");
        }

        var parts = new List<string>();
        if (source.BlankRows > 0)
        {
            parts.Add($"{source.BlankRows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} blank row{(source.BlankRows > 1 ? "s" : string.Empty)}");
        }

        if (footer.Count > 0)
        {
            parts.Add($"a {footer.Count}-line footer");
        }

        return parts.Count == 0 ? string.Empty : $"; skipped {string.Join(" and ", parts)}";
    }
}
