using System.Globalization;
using System.Text;
using ExpansionScoring.Cli.Configuration;
using ExpansionScoring.Cli.Input;

namespace ExpansionScoring.Cli.Commands;

/// <summary>
/// <c>expansion-score inspect INPUT [input options]</c>: how the tool reads an export, so the mapping can be fixed in
/// one go: the separator, encoding and culture, the row counts, each header with the field it feeds (or
/// <c>ignored</c>), a sample value and what it parses to, and the first problems found. Reads the whole file with the
/// same reader and parser as <c>score</c>; writes nothing but the report. Exit 0 when every row would be scored, 2 when
/// some would be rejected or a required column is missing, 1 when the file cannot be read.
/// </summary>
internal static class InspectCommand
{
    private const int ProblemsShown = 10;

    public static int Run(string input, InputRequest inputOptions, string? config, TextReader stdin, TextWriter stdout)
    {
        var settings = InputSetup.Settings(inputOptions, config);
        var values = InputSetup.Values(settings);
        var options = ModelSetup.LoadOptions(config, null);
        var schema = new InputSchema(options.Signals);
        if (input != "-" && string.Equals(Path.GetExtension(input), ".json", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"{input}: inspect reads delimited exports (.csv, .tsv), Excel workbooks and Parquet books; a JSON book names its fields already");
        }

        bool workbook = HasExtension(input, ".xlsx");
        bool parquet = HasExtension(input, ".parquet");
        using var source = workbook && File.Exists(input) ? ExcelWorkbook.Open(input, schema, settings, values.Culture, requireIdAndArr: false)
            : parquet && File.Exists(input) ? ParquetFile.Open(input, schema, settings, values.Culture, requireIdAndArr: false)
            : OpenCsv(input, stdin, schema, settings);
        var parser = new AccountRowParser(schema, source.FieldNames, values, source.Map.ColumnOfField);
        var map = source.Map;
        var samples = new string?[source.Headers.Count];
        var problems = new List<string>(map.MissingRequired.Select(m => "header: " + m));
        long rows = 0, rejected = 0;
        bool canScore = map.MissingRequired.Count == 0;
        while (source.NextRecord(out long line, out var problem))
        {
            rows++;
            if (source.IsLive)
            {
                for (int c = 0; c < samples.Length; c++)
                {
                    samples[c] ??= source.Value(c);
                }
            }

            if (!canScore)
            {
                continue;
            }

            if (parser.Parse(source.Materialize(line, problem), out var rejection) is null)
            {
                rejected++;
                if (problems.Count < ProblemsShown)
                {
                    problems.Add(rejection!.ToString());
                }
            }
        }

        var o = new StringBuilder();
        o.AppendLine(CultureInfo.InvariantCulture, $"input      {(input == "-" ? "standard input" : input)}");
        o.AppendLine(workbook ? $"sheet      {settings.Sheet ?? "the first"}"
            : parquet ? "format     Parquet (columns by name)"
            : $"delimiter  {Show(source.Separator)}{(settings.Delimiter is null ? " (detected)" : " (given)")}");
        o.AppendLine(CultureInfo.InvariantCulture, $"encoding   {EncodingName(input, settings)}");
        o.AppendLine(CultureInfo.InvariantCulture, $"culture    {(values.Culture.Name.Length == 0 ? "invariant ('.' decimals, ',' thousands, ISO dates; --culture to change)" : $"{values.Culture.Name} (decimal '{values.Culture.NumberFormat.NumberDecimalSeparator}', thousands '{values.Culture.NumberFormat.NumberGroupSeparator}', dates {values.Culture.DateTimeFormat.ShortDatePattern})")}{(settings.DateFormats.Count > 0 ? $"; date formats {string.Join(", ", settings.DateFormats)}" : string.Empty)}");
        string skipped = AccountSources.Skipped(source, input, _ => { });
        o.AppendLine(CultureInfo.InvariantCulture, $"rows       {rows:N0} data rows{skipped}{(canScore ? $"; {rows - rejected:N0} would be scored, {rejected:N0} rejected" : "; not scored until the required columns are mapped")}");
        if (source.Footer.Count > 0)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"footer     {string.Join(" | ", source.Footer.Select(f => f.Length > 50 ? f[..50] + "…" : f))}");
        }

        o.AppendLine();
        var table = new List<string[]> { new[] { "#", "header", "field", "sample", "parses to" } };
        for (int c = 0; c < source.Headers.Count; c++)
        {
            string header = source.Headers[c].Trim();
            string? field = map.FieldOfColumn[c];
            string sample = samples[c] ?? string.Empty;
            string parsed = string.Empty;
            if (field is not null && samples[c] is { } text && schema.TryFind(field, out int index))
            {
                parsed = parser.Preview(index, text, out bool ok);
                parsed = ok ? parsed : "✗ " + parsed;
            }

            string feeds = field ?? (map.KeepColumns.Contains(c) ? "kept" : "ignored");
            table.Add([(c + 1).ToString(CultureInfo.InvariantCulture), Cut(header, 32), feeds, Cut(sample, 28), Cut(parsed, 60)]);
        }

        int[] widths = [.. Enumerable.Range(0, 5).Select(i => table.Max(r => r[i].Length))];
        foreach (var r in table)
        {
            o.AppendLine(string.Join("  ", r.Select((cell, i) => i == r.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }

        var unmapped = Enumerable.Range(0, schema.Count).Where(f => map.ColumnOfField[f] < 0 && f is >= InputSchema.PlanFit and <= InputSchema.Triggers).Select(f => schema.SnakeNames[f]).ToList();
        if (unmapped.Count > 0)
        {
            o.AppendLine();
            o.AppendLine(CultureInfo.InvariantCulture, $"not in the file: {string.Join(", ", unmapped)} (derived from telemetry columns when those are mapped, else missing; map a column with --map FIELD=COLUMN)");
        }

        o.AppendLine();
        if (problems.Count == 0)
        {
            o.AppendLine("problems   none");
        }
        else
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"problems   (the first {Math.Min(problems.Count, ProblemsShown)}{(rejected > problems.Count ? $" of {rejected:N0} rejected rows" : string.Empty)})");
            foreach (string p in problems)
            {
                o.AppendLine("  " + p);
            }
        }

        stdout.Write(o.ToString());
        return problems.Count > 0 ? ExitCodes.RowsRejected : ExitCodes.Success;
    }

    private static CsvAccountSource OpenCsv(string input, TextReader stdin, InputSchema schema, InputSettings settings)
    {
        if (input == "-")
        {
            return CsvAccountSource.Open(stdin, "standard input", schema, settings, requireIdAndArr: false);
        }

        if (Directory.Exists(input))
        {
            throw new CliException($"{input}: is a directory, not a file");
        }

        if (!File.Exists(input))
        {
            throw new CliException($"{input}: file not found");
        }

        var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return CsvAccountSource.Open(stream, input, schema, settings, stream.Length, requireIdAndArr: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static string EncodingName(string input, InputSettings settings)
    {
        if (settings.Encoding is { } given)
        {
            return $"{given} (given)";
        }

        if (input == "-")
        {
            return "text from standard input";
        }

        if (HasExtension(input, ".xlsx"))
        {
            return "Excel workbook (cells read as typed)";
        }

        if (HasExtension(input, ".parquet"))
        {
            return "Parquet (values read as typed)";
        }

        Span<byte> head = stackalloc byte[3];
        using var file = File.OpenRead(input);
        int n = file.ReadAtLeast(head, 3, throwOnEndOfStream: false);
        return head[..n] switch
        {
            [0xEF, 0xBB, 0xBF] => "UTF-8 with byte order mark",
            [0xFF, 0xFE, ..] => "UTF-16 little-endian (byte order mark)",
            [0xFE, 0xFF, ..] => "UTF-16 big-endian (byte order mark)",
            _ => "UTF-8 (valid throughout)",
        };
    }

    private static bool HasExtension(string input, string extension) => string.Equals(Path.GetExtension(input), extension, StringComparison.OrdinalIgnoreCase);

    private static string Show(char separator) => separator switch
    {
        '\t' => "tab",
        ' ' => "space",
        _ => $"'{separator}'",
    };

    private static string Cut(string text, int max)
    {
        string oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length > max ? oneLine[..(max - 1)] + "…" : oneLine;
    }
}
