namespace ExpansionScoring.Cli.Input;

/// <summary>
/// The <c>INPUT</c> of <c>score</c> and <c>portfolio</c> as a book in parts: a folder (every .csv and .json file
/// directly in it) or a glob in the file name (<c>exports/*.csv</c>, <c>exports/region-?.json</c>). The parts are
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
                .Where(f => Path.GetExtension(f).ToUpperInvariant() is ".CSV" or ".JSON")
                .Order(StringComparer.Ordinal)
                .ToList();
            return files.Count > 0 ? files : throw new CliException($"{input}: the folder holds no .csv or .json file");
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
/// The parts of a book read one after another as one source, row by row, in the order given: one parser reads them
/// all, so an id repeated in two parts is a duplicate as it would be in one file. Each part is opened when reached.
/// </summary>
internal sealed class ChainedAccountSource(IReadOnlyList<string> parts, InputSchema schema, InputSettings settings, Action<string> warn) : IAccountSource
{
    private long bytesBefore;
    private IAccountSource? current;

    public IReadOnlyList<string> FieldNames => schema.SnakeNames;

    public long? TotalBytes { get; } = parts.Sum(p => new FileInfo(p).Length);

    public long BytesRead => bytesBefore + (current?.BytesRead ?? 0);

    public IEnumerable<InputRow> ReadRows()
    {
        foreach (string part in parts)
        {
            current = AccountSources.Open(part, TextReader.Null, schema, settings, warn);
            try
            {
                foreach (var row in current.ReadRows())
                {
                    yield return row;
                }
            }
            finally
            {
                bytesBefore += current.TotalBytes ?? current.BytesRead;
                current.Dispose();
                current = null;
            }
        }
    }

    public void Dispose() => current?.Dispose();
}
