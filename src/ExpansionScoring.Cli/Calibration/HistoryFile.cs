using System.Globalization;
using System.Text.Json;
using CsvHelper;
using ExpansionScoring.Calibration;
using ExpansionScoring.Cli.Input;
using ExpansionScoring.Input.Values;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Cli.Calibration;

/// <summary>
/// Reads a history of outcomes for <c>calibrate</c>: CSV with a header (columns matched case-insensitively) or a JSON
/// array of objects (camelCase or snake_case). Required: <c>account_id</c>, <c>probability</c>, <c>composite</c>,
/// <c>expanded</c>; optional: <c>band</c>, <c>expansion_dollars</c> and the signals <c>plan_fit</c>, <c>velocity</c>,
/// <c>engagement</c>, <c>champion</c>, <c>triggers</c>. Every row is either read or listed as rejected.
/// </summary>
internal sealed class HistoryFile
{
    /// <summary>The longest history record: a row of a few numbers and an id needs far less.</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    /// <summary>The largest JSON history: it is parsed whole, so it is bounded; CSV is read a row at a time.</summary>
    public const long MaxJsonBytes = 256L * 1024 * 1024;

    private static readonly string[] Required = ["account_id", "probability", "composite", "expanded"];
    private static readonly string[] Optional = ["band", "expansion_dollars"];
    private static readonly (string Column, SignalKey Key)[] SignalColumns =
    [
        ("plan_fit", SignalKey.PlanFit), ("velocity", SignalKey.Velocity), ("engagement", SignalKey.Engagement),
        ("champion", SignalKey.Champion), ("triggers", SignalKey.Triggers),
    ];

    private HistoryFile(List<HistoricalOutcome> outcomes, List<Rejection> rejections, IReadOnlyList<SignalKey> signals, long rows)
    {
        Outcomes = outcomes;
        Rejections = rejections;
        Signals = signals;
        Rows = rows;
    }

    public IReadOnlyList<HistoricalOutcome> Outcomes { get; }

    public IReadOnlyList<Rejection> Rejections { get; }

    /// <summary>Gets the signal columns the file has.</summary>
    public IReadOnlyList<SignalKey> Signals { get; }

    public long Rows { get; }

    /// <exception cref="CliException">The file is missing, empty, not CSV or JSON, or lacks a required column.</exception>
    public static HistoryFile Load(string path, TextReader stdin, Action<string> warn)
    {
        if (path == "-")
        {
            var malformed = new MalformedRecords();
            using var text = CsvReader.Create(stdin, Options(malformed), leaveOpen: true);
            return FromCsv(text, "standard input", malformed, warn);
        }

        if (Directory.Exists(path))
        {
            throw new CliException($"{path}: is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            throw new CliException($"{path}: file not found");
        }

        string extension = Path.GetExtension(path).ToUpperInvariant();
        if (extension is not (".CSV" or ".JSON"))
        {
            throw new CliException($"{path}: not a CSV or JSON file (give a .csv or .json file, or - for CSV on standard input)");
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new CliException($"{path}: the file is empty (expected a header with {string.Join(", ", Required)})");
        }

        if (extension == ".JSON")
        {
            long size = new FileInfo(path).Length;
            if (size > MaxJsonBytes)
            {
                throw new CliException($"{path}: the JSON history is {size / (1024.0 * 1024):0.#} MB; a JSON history may be at most {MaxJsonBytes / (1024 * 1024)} MB (it is parsed whole): give it as CSV, which is read a row at a time");
            }

            return FromJson(path);
        }

        var records = new MalformedRecords();
        using var stream = File.OpenRead(path);
        using var reader = CsvReader.Create(stream, Options(records), leaveOpen: false);
        return FromCsv(reader, path, records, warn);
    }

    private static CsvReaderOptions Options(MalformedRecords malformed) => CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        TrimWhitespace = true,
        SkipEmptyLines = true,
        DetectSeparatorHint = false,
        MaxRecordSize = MaxRecordBytes,
        OnMalformedRecord = m => malformed.Pending ??= (m.RecordNumber, m.Reason),
    };

    private static HistoryFile FromCsv(CsvReader reader, string name, MalformedRecords malformed, Action<string> warn)
    {
        try
        {
            var headers = reader.Headers;
            if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            {
                throw new CliException($"{name}: the file is empty (expected a header with {string.Join(", ", Required)})");
            }

            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            var unknown = new List<string>();
            for (int i = 0; i < headers.Count; i++)
            {
                string key = Normalize(headers[i]);
                if (Known(key) is { } known)
                {
                    columns.TryAdd(known, i);
                }
                else if (key.Length > 0)
                {
                    unknown.Add(headers[i].Trim());
                }
            }

            CheckRequired(name, columns.Keys);
            if (unknown.Count > 0)
            {
                warn($"warning: {name}: ignoring unknown column{(unknown.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unknown)}");
            }

            var builder = new Builder(columns.Keys);
            while (reader.Read())
            {
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (column, index) in columns)
                {
                    if (index < reader.FieldCount && !reader.IsEmpty(index) && reader.GetString(index) is { } v && !string.IsNullOrWhiteSpace(v))
                    {
                        fields[column] = v.Trim();
                    }
                }

                string? problem = malformed.Pending is { } m && m.RecordNumber == reader.RowNumber + 1
                    ? CsvAccountSource.Describe(m.Reason)
                    : reader.FieldCount != headers.Count ? $"the row has {reader.FieldCount} fields but the header has {headers.Count}" : null;
                malformed.Pending = null;
                builder.Add(reader.LineNumber, fields, problem);
            }

            return builder.Build();
        }
        catch (CsvFormatException ex)
        {
            string where = ex.LineNumber > 0 ? $", line {ex.LineNumber}" : string.Empty;
            throw new CliException($"{name}{where}: cannot read the CSV: {ex.Message} (a history record may be at most {MaxRecordBytes / (1024 * 1024)} MB)", ex);
        }
    }

    private static HistoryFile FromJson(string path)
    {
        JsonDocument doc;
        try
        {
            byte[] json = Configuration.Utf8Check.Require(File.ReadAllBytes(path), path);
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path}: not valid JSON: {JsonMessages.WithoutPosition(ex.Message)}", ex);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new CliException($"{path}: expected a JSON array of outcomes");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in item.EnumerateObject())
                    {
                        if (Known(Normalize(p.Name)) is { } k)
                        {
                            seen.Add(k);
                        }
                    }
                }
            }

            CheckRequired(path, seen);
            var builder = new Builder(seen);
            long index = 0;
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                index++;
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                if (item.ValueKind != JsonValueKind.Object)
                {
                    builder.Add(index, fields, $"item {index} is not an object");
                    continue;
                }

                foreach (var p in item.EnumerateObject())
                {
                    if (Known(Normalize(p.Name)) is { } k && p.Value.ValueKind is not JsonValueKind.Null)
                    {
                        fields[k] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                    }
                }

                builder.Add(index, fields, null);
            }

            return builder.Build();
        }
    }

    private static void CheckRequired(string name, IEnumerable<string> present)
    {
        string[] missing = [.. Required.Except(present)];
        if (missing.Length > 0)
        {
            throw new CliException($"{name}: missing required column{(missing.Length > 1 ? "s" : string.Empty)} {string.Join(", ", missing)} (a history needs {string.Join(", ", Required)})");
        }
    }

    private static string Normalize(string header) => header.Trim().Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private static string? Known(string normalized)
        => Required.Concat(Optional).Concat(SignalColumns.Select(s => s.Column)).FirstOrDefault(c => Normalize(c) == normalized);

    /// <summary>The malformed record the reader reported and the loop has not reached yet.</summary>
    private sealed class MalformedRecords
    {
        public (long RecordNumber, CsvMalformedReason Reason)? Pending { get; set; }
    }

    /// <summary>Turns raw fields into outcomes or rejections, one row at a time.</summary>
    private sealed class Builder(IEnumerable<string> columns)
    {
        private readonly List<HistoricalOutcome> outcomes = [];
        private readonly List<Rejection> rejections = [];
        private readonly HashSet<string> ids = new(StringComparer.Ordinal);
        private readonly IReadOnlyList<SignalKey> signals = [.. SignalColumns.Where(s => columns.Contains(s.Column)).Select(s => s.Key)];
        private long rows;

        public void Add(long line, Dictionary<string, string> fields, string? rowProblem)
        {
            rows++;
            fields.TryGetValue("account_id", out string? id);
            if (rowProblem is not null)
            {
                rejections.Add(new Rejection(line, id, Rejection.WholeRow, null, rowProblem));
                return;
            }

            if (id is null)
            {
                rejections.Add(new Rejection(line, null, "account_id", null, "account_id is required"));
                return;
            }

            if (!Number(line, id, fields, "probability", 0, 100, required: true, out double probability)
                || !Number(line, id, fields, "composite", 0, 100, required: true, out double composite)
                || !Number(line, id, fields, "expansion_dollars", 0, double.MaxValue, required: false, out double dollars))
            {
                return;
            }

            if (!fields.TryGetValue("expanded", out string? expandedText) || !TryParseBool(expandedText, out bool expanded))
            {
                rejections.Add(new Rejection(line, id, "expanded", expandedText, expandedText is null ? "expanded is required (true or false; also accepted: yes/no, y/n, 1/0)" : $"'{expandedText}' is not true or false (also accepted: yes/no, y/n, 1/0)"));
                return;
            }

            var values = SignalValues.Empty;
            foreach (var (column, key) in SignalColumns)
            {
                if (fields.ContainsKey(column))
                {
                    if (!Number(line, id, fields, column, 0, 100, required: false, out double v))
                    {
                        return;
                    }

                    values = values.With(key, v);
                }
            }

            if (!ids.Add(id))
            {
                rejections.Add(new Rejection(line, id, "account_id", id, $"duplicate account_id '{id}' (the earlier row was kept)"));
                return;
            }

            outcomes.Add(new HistoricalOutcome
            {
                AccountId = id,
                Probability = probability,
                Composite = composite,
                Band = fields.GetValueOrDefault("band"),
                Expanded = expanded,
                ExpansionDollars = dollars,
                Signals = values,
            });
        }

        public HistoryFile Build() => new(outcomes, rejections, signals, rows);

        // The booleans a book accepts (exec_sponsor): one documented set for every input, defined by the input layer.
        private static bool TryParseBool(string text, out bool value) => ValueParser.TryBoolean(text, out value);

        private bool Number(long line, string id, Dictionary<string, string> fields, string column, double min, double max, bool required, out double value)
        {
            value = 0;
            if (!fields.TryGetValue(column, out string? text))
            {
                if (required)
                {
                    rejections.Add(new Rejection(line, id, column, null, $"{column} is required"));
                }

                return !required;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            {
                rejections.Add(new Rejection(line, id, column, text, $"'{text}' is not a finite number"));
                return false;
            }

            if (value < min || value > max)
            {
                rejections.Add(new Rejection(line, id, column, text, max == double.MaxValue ? $"must be >= {min}, was '{text}'" : $"must be within {min}–{max}, was '{text}'"));
                return false;
            }

            return true;
        }
    }
}
