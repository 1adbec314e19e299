using CsvHelper;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Reads an overrides file (<c>account_id,window,reason</c>, plus optional <c>author</c> and <c>expires</c>): a person's
/// decision to pitch an account in another window than the computed one (SPEC §7). It is read with the strictness of a
/// book: a line that is malformed (quoting, field count) or invalid is a rejected override with its line and reason, the
/// others apply, and the run says how many were applied and rejected. With <c>--strict</c> any rejection stops the run.
/// A problem with the file as a whole (missing, empty, no required column, too large) stops the run.
/// </summary>
internal sealed class OverridesFile
{
    /// <summary>The largest overrides file: it is held in memory whole. An override is one short line per account.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The longest override record: a reason is a sentence, not a document.</summary>
    public const int MaxRecordBytes = 64 * 1024;

    private static readonly string AllowedWindows = string.Join(", ", Enum.GetNames<PitchWindow>());

    private readonly Dictionary<string, WindowOverride> byAccount;
    private readonly List<string> rejections;
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    private OverridesFile(Dictionary<string, WindowOverride> byAccount, List<string> rejections)
    {
        this.byAccount = byAccount;
        this.rejections = rejections;
    }

    public int Count => byAccount.Count;

    /// <summary>Gets how many overrides were rejected.</summary>
    public int RejectedCount => rejections.Count;

    /// <summary>Gets each rejected override as <c>line N: reason</c>, in file order.</summary>
    public IReadOnlyList<string> Rejections => rejections;

    /// <summary>Reads and validates an overrides file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="strict">Whether a rejected override stops the run.</param>
    /// <exception cref="CliException">The file as a whole is unusable, or (with <paramref name="strict"/>) a line is rejected; the message lists every problem.</exception>
    public static OverridesFile Load(string path, bool strict = false)
    {
        if (!File.Exists(path))
        {
            throw new CliException(Directory.Exists(path) ? $"--overrides {path}: is a directory, not a file" : $"--overrides {path}: file not found");
        }

        long size = new FileInfo(path).Length;
        if (size > MaxFileBytes)
        {
            throw new CliException($"--overrides {path}: the file is {size / (1024.0 * 1024):0.#} MB; an overrides file may hold at most {MaxFileBytes / (1024 * 1024)} MB (it is read into memory): split it, or keep only the overrides that apply");
        }

        (long RecordNumber, CsvMalformedReason Reason)? malformed = null;
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = false,
            MaxRecordSize = MaxRecordBytes,
            OnMalformedRecord = m => malformed ??= (m.RecordNumber, m.Reason),
        };
        using var reader = CsvReader.Create(File.OpenRead(path), options, leaveOpen: false);
        var errors = new List<string>();
        var result = new Dictionary<string, WindowOverride>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            var headers = reader.Headers;
            if (headers.Count == 0)
            {
                throw new CliException($"--overrides {path}: the file is empty (expected account_id,window,reason)");
            }

            int Column(string name) => headers.ToList().FindIndex(h => string.Equals(InputSchema.Normalize(h), InputSchema.Normalize(name), StringComparison.Ordinal));
            int idCol = Column("account_id"), windowCol = Column("window"), reasonCol = Column("reason"), authorCol = Column("author"), expiresCol = Column("expires");
            string[] missing = [.. new[] { ("account_id", idCol), ("window", windowCol), ("reason", reasonCol) }.Where(c => c.Item2 < 0).Select(c => c.Item1)];
            if (missing.Length > 0)
            {
                throw new CliException($"--overrides {path}: missing required column{(missing.Length > 1 ? "s" : string.Empty)} {string.Join(", ", missing)} (expected account_id,window,reason[,author][,expires])");
            }

            while (reader.Read())
            {
                long line = reader.LineNumber;
                if (malformed is { } m && m.RecordNumber == reader.RowNumber + 1)
                {
                    malformed = null;
                    errors.Add($"line {line}: {CsvAccountSource.Describe(m.Reason)}");
                    continue;
                }

                malformed = null;
                if (reader.FieldCount != headers.Count)
                {
                    errors.Add($"line {line}: the row has {reader.FieldCount} fields but the header has {headers.Count}");
                    continue;
                }

                string Get(int col) => col >= 0 && col < reader.FieldCount ? reader.GetString(col).Trim() : string.Empty;
                string id = Get(idCol), windowText = Get(windowCol), reason = Get(reasonCol), author = Get(authorCol), expiresText = Get(expiresCol);
                var problems = new List<string>();
                if (id.Length == 0)
                {
                    problems.Add("account_id is required");
                }
                else if (firstLine.TryGetValue(id, out long first))
                {
                    problems.Add($"account_id '{id}' already has an override on line {first}");
                }
                else
                {
                    firstLine[id] = line;
                }

                PitchWindow window = default;
                if (windowText.Length == 0)
                {
                    problems.Add($"window is required (allowed: {AllowedWindows})");
                }
                else if (!AccountRowParser.TryParseEnum(windowText, out window))
                {
                    problems.Add($"unknown window '{windowText}' (allowed: {AllowedWindows})");
                }

                if (reason.Length == 0)
                {
                    problems.Add("reason is required: say why the window is overridden");
                }

                DateOnly? expires = null;
                if (expiresText.Length > 0)
                {
                    if (AccountRowParser.TryParseDate(expiresText, out var date))
                    {
                        expires = date;
                    }
                    else
                    {
                        problems.Add($"expires '{expiresText}' is not a date (expected yyyy-MM-dd)");
                    }
                }

                if (problems.Count > 0)
                {
                    // One rejected override per line, naming every problem it has.
                    errors.Add($"line {line}: {string.Join("; ", problems)}");
                }
                else
                {
                    result[id] = new WindowOverride { Window = window, Reason = reason, Author = author.Length > 0 ? author : null, ExpiresOn = expires };
                }
            }
        }
        catch (CsvFormatException ex)
        {
            string where = ex.LineNumber > 0 ? $", line {ex.LineNumber}" : string.Empty;
            throw new CliException($"--overrides {path}{where}: cannot read the CSV: {ex.Message} (an override record may be at most {MaxRecordBytes / 1024} KB)", ex);
        }

        if (strict && errors.Count > 0)
        {
            throw CliException.Problems($"--overrides {path}", errors);
        }

        return new OverridesFile(result, errors);
    }

    /// <summary>Lists the rejected overrides, and says how many applied, were rejected, and named no account in the input.</summary>
    /// <param name="stderr">Where the run's messages go.</param>
    /// <param name="quiet">Whether the one-line count is left out (rejections and warnings are always listed).</param>
    public void Report(TextWriter stderr, bool quiet)
    {
        foreach (string rejection in rejections)
        {
            stderr.WriteLine($"rejected override {rejection}");
        }

        var unused = Unused();
        if (unused.Count > 0)
        {
            stderr.WriteLine($"warning: {unused.Count} override{(unused.Count > 1 ? "s name accounts" : " names an account")} not in the input: {string.Join(", ", unused.Take(10))}{(unused.Count > 10 ? ", …" : string.Empty)}");
        }

        if (!quiet)
        {
            stderr.WriteLine($"overrides: {used.Count} applied, {rejections.Count} rejected, {unused.Count} for accounts not in the input");
        }
    }

    /// <summary>Returns the account with its override applied, when the file has one for it.</summary>
    public Account Apply(Account account)
    {
        if (!byAccount.TryGetValue(account.Id, out var windowOverride))
        {
            return account;
        }

        used.Add(account.Id);
        return account with { WindowOverride = windowOverride };
    }

    /// <summary>Gets the overrides whose account was not in the input.</summary>
    public IReadOnlyList<string> Unused() => [.. byAccount.Keys.Where(id => !used.Contains(id)).Order(StringComparer.Ordinal)];
}
