namespace ExpansionScoring.Input;

/// <summary>
/// Which column of a file feeds each input field: the explicit mapping first (field → header text, matched
/// case-insensitively after trimming), then every other header by its canonical name (<c>account_id</c>, <c>Account ID</c>
/// and <c>accountId</c> alike). Also the columns to keep. Every problem is a <see cref="InputException"/> that says
/// how to fix it.
/// </summary>
internal sealed class ColumnMap
{
    private static readonly Dictionary<int, string[]> Hints = new()
    {
        [InputSchema.AccountId] = ["id", "account", "record", "company", "customer", "key"],
        [InputSchema.Arr] = ["arr", "annual", "recurring", "revenue", "amount", "acv", "value", "mrr"],
    };

    private ColumnMap(int[] columnOfField, string[] fieldNames, string?[] fieldOfColumn, int[] keepColumns, string[] keepNames, IReadOnlyList<string> unknown)
    {
        ColumnOfField = columnOfField;
        FieldNames = fieldNames;
        FieldOfColumn = fieldOfColumn;
        KeepColumns = keepColumns;
        KeepNames = keepNames;
        Unknown = unknown;
    }

    /// <summary>Gets the file column of each schema field, −1 when absent.</summary>
    public int[] ColumnOfField { get; }

    /// <summary>Gets how the file spells each schema field (its header text when mapped, else the canonical name), for messages.</summary>
    public string[] FieldNames { get; }

    /// <summary>Gets the canonical field name each file column feeds, <see langword="null"/> when it is ignored.</summary>
    public string?[] FieldOfColumn { get; }

    /// <summary>Gets the file columns to keep, in the order asked for.</summary>
    public int[] KeepColumns { get; }

    /// <summary>Gets the header text of the kept columns.</summary>
    public string[] KeepNames { get; }

    /// <summary>Gets what is said about each required column the header lacks (empty unless it was resolved without requiring them).</summary>
    public IReadOnlyList<string> MissingRequired { get; private init; } = [];

    /// <summary>Gets the non-empty headers that feed no field and are not kept.</summary>
    public IReadOnlyList<string> Unknown { get; }

    /// <summary>Maps a header.</summary>
    /// <param name="headers">The header texts, in file order.</param>
    /// <param name="schema">The known fields.</param>
    /// <param name="settings">The mapping and the columns to keep.</param>
    /// <param name="requireIdAndArr">Whether a header without <c>account_id</c> or <c>arr</c> is an error (it is, except for <c>inspect</c>).</param>
    /// <returns>The map.</returns>
    /// <exception cref="InputException">A mapping names an unknown field or an absent column, a column appears twice, or a required column is missing.</exception>
    public static ColumnMap Resolve(IReadOnlyList<string> headers, InputSchema schema, InputSettings settings, bool requireIdAndArr = true)
    {
        var trimmed = headers.Select(h => h.Trim()).ToArray();
        int[] columnOfField = Enumerable.Repeat(-1, schema.Count).ToArray();
        string[] names = [.. schema.SnakeNames];
        string?[] fieldOfColumn = new string?[headers.Count];
        var problems = new List<string>();

        foreach (var (fieldText, columnText) in settings.Columns)
        {
            if (!schema.TryFind(fieldText, out int field))
            {
                problems.Add($"the mapping names an unknown field '{fieldText}' (known: {string.Join(", ", schema.SnakeNames)})");
                continue;
            }

            int column = Find(trimmed, columnText);
            if (column < 0)
            {
                problems.Add($"the mapped column '{columnText.Trim()}' (for {schema.SnakeNames[field]}) is not in the header (the header has: {Abbreviate(trimmed)})");
                continue;
            }

            columnOfField[field] = column;
            names[field] = trimmed[column];
            fieldOfColumn[column] = schema.SnakeNames[field];
        }

        ThrowIf(problems);
        for (int col = 0; col < trimmed.Length; col++)
        {
            if (trimmed[col].Length == 0 || fieldOfColumn[col] is not null || !schema.TryFind(trimmed[col], out int field) || settings.Columns.Keys.Any(k => schema.TryFind(k, out int f) && f == field))
            {
                continue;
            }

            if (columnOfField[field] >= 0)
            {
                throw new InputException($"column '{trimmed[col]}' appears twice in the header (columns {columnOfField[field] + 1} and {col + 1})");
            }

            columnOfField[field] = col;
            names[field] = trimmed[col];
            fieldOfColumn[col] = schema.SnakeNames[field];
        }

        var keep = new List<int>();
        foreach (string kept in settings.Keep)
        {
            int column = Find(trimmed, kept);
            if (column < 0)
            {
                problems.Add($"the column to keep '{kept.Trim()}' is not in the header (the header has: {Abbreviate(trimmed)})");
                continue;
            }

            keep.Add(column);
        }

        ThrowIf(problems);
        foreach (int field in new[] { InputSchema.AccountId, InputSchema.Arr })
        {
            if (columnOfField[field] < 0)
            {
                problems.Add(Missing(field, schema, trimmed, fieldOfColumn));
            }
        }

        if (requireIdAndArr)
        {
            ThrowIf(problems);
        }

        string[] unknown = [.. Enumerable.Range(0, trimmed.Length).Where(c => trimmed[c].Length > 0 && fieldOfColumn[c] is null && !keep.Contains(c)).Select(c => trimmed[c])];
        return new ColumnMap(columnOfField, names, fieldOfColumn, [.. keep], [.. keep.Select(c => trimmed[c])], unknown) { MissingRequired = problems };
    }

    /// <summary>Lists headers for a message: the first twelve, each cut to 40 characters.</summary>
    public static string Abbreviate(IReadOnlyList<string> headers)
    {
        var shown = headers.Take(12).Select(h => h.Length > 40 ? h[..40] + "…" : h);
        string text = string.Join(", ", shown.Select(h => h.ReplaceLineEndings(" ")));
        return headers.Count > 12 ? $"{text}, … ({headers.Count} columns)" : text;
    }

    private static int Find(string[] trimmed, string header)
    {
        string wanted = header.Trim();
        return Array.FindIndex(trimmed, h => string.Equals(h, wanted, StringComparison.OrdinalIgnoreCase));
    }

    private static void ThrowIf(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new InputException(string.Join("; ", problems));
        }
    }

    /// <summary>
    /// <c>missing required column account_id (the header has 'Record ID' — map it with --map account_id="Record ID")</c>:
    /// the unmapped headers whose words hint at the field, else the nearest by spelling.
    /// </summary>
    private static string Missing(int field, InputSchema schema, string[] headers, string?[] fieldOfColumn)
    {
        string name = schema.SnakeNames[field];
        var free = Enumerable.Range(0, headers.Length).Where(c => headers[c].Length > 0 && fieldOfColumn[c] is null).Select(c => headers[c]).ToList();
        var hinted = free
            .Select(h => (Header: h, Score: Words(h).Count(w => Hints[field].Contains(w))))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .Select(x => x.Header)
            .Take(2)
            .ToList();
        if (hinted.Count == 0)
        {
            hinted = [.. free
                .Select(h => (Header: h, Distance: Distance(InputSchema.Normalize(h), InputSchema.Normalize(name))))
                .Where(x => x.Distance <= Math.Max(1, name.Length / 3))
                .OrderBy(x => x.Distance)
                .Select(x => x.Header)
                .Take(2)];
        }

        if (hinted.Count == 0)
        {
            return $"missing required column {name} (the header has: {Abbreviate(headers)} — map the column that holds it with --map {name}=\"COLUMN\")";
        }

        string has = string.Join(" or ", hinted.Select(h => $"'{h}'"));
        return $"missing required column {name} (the header has {has} — map it with --map {name}=\"{hinted[0]}\")";
    }

    private static IEnumerable<string> Words(string header)
        => header.ToLowerInvariant().Split([' ', '_', '-', '.', '(', ')', '/', '#', ':'], StringSplitOptions.RemoveEmptyEntries);

    private static int Distance(string a, string b)
    {
        int[] previous = Enumerable.Range(0, b.Length + 1).ToArray();
        int[] current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
