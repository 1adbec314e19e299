using System.Globalization;
using ExpansionScoring.Input.Values;

namespace ExpansionScoring.Input;

/// <summary>
/// Turns the rows of an export into accounts, for a host that reads the file itself (an upload, a database extract):
/// the header is mapped once with <see cref="InputSettings"/> (columns, culture, date formats, columns to keep), then
/// each row becomes an <see cref="Account"/> or a rejection that names every bad field. The same rules as the
/// <c>expansion-score</c> tool, which uses the same code. Not thread-safe: it remembers account ids to reject later
/// duplicates, so use one reader per file.
/// </summary>
/// <example>
/// <code>
/// var reader = new AccountRowReader(headers, InputSettings.FromJson(mappingJson));
/// foreach (var (fields, line) in rows)
/// {
///     var result = reader.Read(fields, line);
///     if (result.Account is { } account) { /* score it */ } else { /* report result.Problems */ }
/// }
/// </code>
/// </example>
public sealed class AccountRowReader
{
    private readonly ColumnMap map;
    private readonly AccountRowParser parser;
    private readonly int fieldCount;

    /// <summary>Maps a header.</summary>
    /// <param name="headers">The header texts, in file order.</param>
    /// <param name="settings">The mapping and how values are written; <see langword="null"/> for canonical columns, the invariant culture and ISO dates.</param>
    /// <param name="extraSignals">Signals beyond the five built-in ones that accounts supply as columns (the model's custom signals).</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The header lacks <c>account_id</c> or <c>arr</c> (the message names the nearest headers and the mapping that fixes it), a mapping names an unknown field or an absent column, a column appears twice, or the culture is unknown.</exception>
    public AccountRowReader(IReadOnlyList<string> headers, InputSettings? settings = null, IEnumerable<string>? extraSignals = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        settings ??= new InputSettings();
        var schema = new InputSchema(extraSignals);
        CultureInfo culture;
        try
        {
            culture = settings.Culture is { Length: > 0 } name ? CultureInfo.GetCultureInfo(name.Trim(), predefinedOnly: true) : CultureInfo.InvariantCulture;
            map = ColumnMap.Resolve(headers, schema, settings);
        }
        catch (CultureNotFoundException ex)
        {
            throw new FormatException($"unknown culture '{settings.Culture}'", ex);
        }
        catch (InputException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        fieldCount = schema.Count;
        parser = new AccountRowParser(schema, map.FieldNames, new ValueParser(culture, [.. settings.DateFormats]), map.ColumnOfField);
    }

    /// <summary>Gets the header text of the columns kept (<see cref="InputSettings.Keep"/>), in the order of <see cref="AccountReadResult.Kept"/>.</summary>
    public IReadOnlyList<string> KeptColumns => map.KeepNames;

    /// <summary>Gets the non-empty headers that feed no field and are not kept.</summary>
    public IReadOnlyList<string> IgnoredColumns => map.Unknown;

    /// <summary>Reads one row.</summary>
    /// <param name="fields">The row's fields, in header order (a missing trailing field reads as empty).</param>
    /// <param name="line">The row's line in the file, for messages.</param>
    /// <returns>The account, or the row's problems.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> is <see langword="null"/>.</exception>
    public AccountReadResult Read(IReadOnlyList<string?> fields, long line)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var values = new string?[fieldCount];
        for (int f = 0; f < fieldCount; f++)
        {
            int column = map.ColumnOfField[f];
            if (column >= 0 && column < fields.Count && !string.IsNullOrWhiteSpace(fields[column]))
            {
                values[f] = fields[column];
            }
        }

        string?[] kept = [.. map.KeepColumns.Select(c => c < fields.Count ? fields[c] : null)];
        var account = parser.Parse(new InputRow(line, values, null), out var rejection);
        return new AccountReadResult(line, account, rejection is null ? [] : [.. rejection.Fields.Select(r => new FieldProblem(r.Field, r.Value, r.Reason))], kept);
    }
}

/// <summary>One row read by <see cref="AccountRowReader"/>: the account, or every problem that kept it from being one.</summary>
public sealed class AccountReadResult
{
    internal AccountReadResult(long line, Account? account, IReadOnlyList<FieldProblem> problems, IReadOnlyList<string?> kept)
    {
        Line = line;
        Account = account;
        Problems = problems;
        Kept = kept;
    }

    /// <summary>Gets the row's line in the file.</summary>
    public long Line { get; }

    /// <summary>Gets the account, or <see langword="null"/> when the row is rejected.</summary>
    public Account? Account { get; }

    /// <summary>Gets every bad field of a rejected row, in column order; empty when the row was read.</summary>
    public IReadOnlyList<FieldProblem> Problems { get; }

    /// <summary>Gets the values of the kept columns (<see cref="AccountRowReader.KeptColumns"/>).</summary>
    public IReadOnlyList<string?> Kept { get; }
}

/// <summary>A field that kept a row from being read: the column as the file spells it, its value and why.</summary>
public sealed class FieldProblem
{
    internal FieldProblem(string field, string? value, string reason)
    {
        Field = field;
        Value = value;
        Reason = reason;
    }

    /// <summary>Gets the column, as the header spells it (<c>(row)</c> for a problem of the whole row, such as a duplicate id).</summary>
    public string Field { get; }

    /// <summary>Gets the value as written, or <see langword="null"/> when empty.</summary>
    public string? Value { get; }

    /// <summary>Gets why the value was not accepted, with what was expected.</summary>
    public string Reason { get; }

    /// <summary>Gets <c>field: reason</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Field}: {Reason}";
}
