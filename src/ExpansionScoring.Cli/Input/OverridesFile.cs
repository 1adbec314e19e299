using CsvHelper;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Reads an overrides file (<c>account_id,window,reason</c>, plus optional <c>author</c> and <c>expires</c>): a person's
/// decision to pitch an account in another window than the computed one (SPEC §7). The file is small and read whole;
/// any problem in it stops the run, with every problem listed.
/// </summary>
internal sealed class OverridesFile
{
    private static readonly string AllowedWindows = string.Join(", ", Enum.GetNames<PitchWindow>());

    private readonly Dictionary<string, WindowOverride> byAccount;
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    private OverridesFile(Dictionary<string, WindowOverride> byAccount) => this.byAccount = byAccount;

    public int Count => byAccount.Count;

    /// <summary>Reads and validates an overrides file.</summary>
    /// <exception cref="CliException">The file is missing or has problems; the message lists every one.</exception>
    public static OverridesFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(Directory.Exists(path) ? $"--overrides {path}: is a directory, not a file" : $"--overrides {path}: file not found");
        }

        var options = CsvReaderOptions.Default with { Separator = ',', TrackLineNumbers = true, TrimWhitespace = true, DetectSeparatorHint = false };
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
                string Get(int col) => col >= 0 && col < reader.FieldCount ? reader.GetString(col).Trim() : string.Empty;
                string id = Get(idCol), windowText = Get(windowCol), reason = Get(reasonCol), author = Get(authorCol), expiresText = Get(expiresCol);
                int before = errors.Count;
                if (id.Length == 0)
                {
                    errors.Add($"line {line}: account_id is required");
                }
                else if (firstLine.TryGetValue(id, out long first))
                {
                    errors.Add($"line {line}: account_id '{id}' already has an override on line {first}");
                }
                else
                {
                    firstLine[id] = line;
                }

                PitchWindow window = default;
                if (windowText.Length == 0)
                {
                    errors.Add($"line {line}: window is required (allowed: {AllowedWindows})");
                }
                else if (!AccountRowParser.TryParseEnum(windowText, out window))
                {
                    errors.Add($"line {line}: unknown window '{windowText}' (allowed: {AllowedWindows})");
                }

                if (reason.Length == 0)
                {
                    errors.Add($"line {line}: reason is required: say why the window is overridden");
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
                        errors.Add($"line {line}: expires '{expiresText}' is not a date (expected yyyy-MM-dd)");
                    }
                }

                if (errors.Count == before)
                {
                    result[id] = new WindowOverride { Window = window, Reason = reason, Author = author.Length > 0 ? author : null, ExpiresOn = expires };
                }
            }
        }
        catch (CsvFormatException ex)
        {
            throw new CliException($"--overrides {path}: cannot read the CSV: {ex.Message}", ex);
        }

        if (errors.Count > 0)
        {
            throw CliException.Problems($"--overrides {path}", errors);
        }

        return new OverridesFile(result);
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
