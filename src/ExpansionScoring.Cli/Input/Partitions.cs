namespace ExpansionScoring.Cli.Input;

/// <summary>
/// The <c>INPUT</c> of <c>score</c> and <c>portfolio</c> as a book in parts: a folder (every .csv, .json and .parquet
/// file directly in it, as a warehouse writes a table in parts) or a glob in the file name (<c>exports/*.csv</c>, <c>exports/region-?.json</c>). The parts are
/// taken in ordinal order of their paths, so the output's order does not depend on the file system.
/// </summary>
internal static class Partitions
{
    /// <summary>Gets the parts <paramref name="input"/> names, or <see langword="null"/> when it names one file (or standard input).</summary>
    /// <exception cref="CliException">The folder holds no book, or the glob matches no file.</exception>
    public static IReadOnlyList<string>? Resolve(string input)
    {
        if (input == "-" || File.Exists(input))
        {
            return null;
        }

        if (Directory.Exists(input))
        {
            var files = Directory.EnumerateFiles(input)
                .Where(f => Path.GetExtension(f).ToUpperInvariant() is ".CSV" or ".JSON" or ".PARQUET")
                .Order(StringComparer.Ordinal)
                .ToList();
            return files.Count > 0 ? files : throw new CliException($"{input}: the folder holds no .csv, .json or .parquet file");
        }

        string pattern = Path.GetFileName(input);
        if (pattern.IndexOfAny(['*', '?']) < 0)
        {
            return null; // A plain path: opening it reports what is wrong.
        }

        string folder = Path.GetDirectoryName(input) is { Length: > 0 } d ? d : ".";
        if (folder.IndexOfAny(['*', '?']) >= 0)
        {
            throw new CliException($"{input}: a glob may only be in the file name, not in the folder");
        }

        var matches = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, pattern, new EnumerationOptions { MatchType = MatchType.Simple, MatchCasing = MatchCasing.PlatformDefault })
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        return matches.Count > 0 ? matches : throw new CliException($"{input}: no file matches");
    }
}

/// <summary>
/// The parts of a book read one after another as one source, in the order given: one parser reads them all, so an id
/// repeated in two parts is a duplicate as it would be in one file. Each part is opened when reached. When every part
/// can be read as spans, so can the whole (its columns are the schema's fields, each looked up in the current part's
/// layout), and <c>score --compact</c> takes the parts on the batch path as it takes one file.
/// </summary>
internal sealed class ChainedAccountSource(IReadOnlyList<string> parts, InputSchema schema, InputSettings settings, Action<string> warn) : ISpanRecordSource
{
    private readonly int[] identity = [.. Enumerable.Range(0, schema.Count)];
    private readonly List<string> footer = [];
    private long bytesBefore;
    private long blankBefore;
    private int next;
    private IAccountSource? current;
    private int[] columns = [];

    public IReadOnlyList<string> FieldNames => schema.SnakeNames;

    public long? TotalBytes { get; } = parts.Sum(p => new FileInfo(p).Length);

    public long BytesRead => bytesBefore + (current?.BytesRead ?? 0);

    public long BlankRows => blankBefore + (current?.BlankRows ?? 0);

    public IReadOnlyList<string> Footer => footer;

    public IEnumerable<InputRow> ReadRows()
    {
        while (NextPart())
        {
            foreach (var row in current!.ReadRows())
            {
                yield return row;
            }
        }
    }

    public bool NextRecord(out long line, out Rejection? problem)
    {
        while (current is not null || NextPart())
        {
            if (current is ISpanRecordSource spans)
            {
                if (spans.NextRecord(out line, out problem))
                {
                    return true;
                }
            }
            else
            {
                throw new InvalidOperationException("A part that cannot be read as spans; read the parts with ReadRows.");
            }

            Close();
        }

        line = 0;
        problem = null;
        return false;
    }

    public ReadOnlySpan<byte> Span(int column) => columns[column] >= 0 ? ((ISpanRecordSource)current!).Span(columns[column]) : default;

    /// <summary>Gets the schema fields themselves: <see cref="Span"/> looks each up in the current part's layout.</summary>
    public int[] ColumnsByField() => identity;

    public bool CurrentRecordOnly(IReadOnlySet<int> allowed) => ((ISpanRecordSource)current!).CurrentRecordOnly(allowed);

    public InputRow Materialize(long line, Rejection? problem) => ((ISpanRecordSource)current!).Materialize(line, problem);

    public void Dispose() => current?.Dispose();

    /// <summary>Opens the next part; <see langword="false"/> after the last.</summary>
    private bool NextPart()
    {
        Close();
        if (next == parts.Count)
        {
            return false;
        }

        current = AccountSources.Open(parts[next++], TextReader.Null, schema, settings, warn);
        columns = current is ISpanRecordSource spans ? spans.ColumnsByField() : [];
        return true;
    }

    private void Close()
    {
        if (current is not null)
        {
            bytesBefore += current.TotalBytes ?? current.BytesRead;
            blankBefore += current.BlankRows;
            footer.AddRange(current.Footer);
            current.Dispose();
            current = null;
        }
    }
}
