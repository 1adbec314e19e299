using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExpansionScoring.Input;

/// <summary>
/// How an export is written and which of its columns feed which input field: the <c>--mapping</c> file of the
/// <c>expansion-score</c> tool, and the <c>Input</c> section of its <c>--config</c>. Every setting is optional; keys
/// are matched case-insensitively when read from JSON (<see cref="FromJson(string)"/>).
/// </summary>
/// <example>
/// <code language="json">
/// { "columns": { "account_id": "Record ID", "arr": "ARR (USD)", "health_score": "Customer Health Score" },
///   "culture": "de-DE", "delimiter": ";", "dateFormats": ["dd.MM.yyyy"], "encoding": "windows-1252",
///   "sheet": "Accounts", "keep": ["Company owner", "Region"] }
/// </code>
/// </example>
public sealed class InputSettings
{
    /// <summary>Gets the column of each field: the key is an input field (<c>account_id</c>, <c>arr</c>, …) or a signal name, the value the header text of the column, matched case-insensitively after trimming.</summary>
    /// <value>The default value is empty: columns are found by their canonical names.</value>
    public IDictionary<string, string> Columns { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the culture values are written in, such as <c>de-DE</c> (decimal comma, day-first dates).</summary>
    /// <value>The default value is <see langword="null"/>: the invariant culture, '.' decimals and ISO dates.</value>
    public string? Culture { get; set; }

    /// <summary>Gets or sets the field separator: <c>,</c> <c>;</c> <c>|</c> or <c>\t</c> (also <c>tab</c>).</summary>
    /// <value>The default value is <see langword="null"/>: detected from the header line.</value>
    public string? Delimiter { get; set; }

    /// <summary>Gets the date formats tried after the ISO forms, such as <c>dd.MM.yyyy</c>.</summary>
    /// <value>The default value is empty.</value>
    public IList<string> DateFormats { get; } = [];

    /// <summary>Gets or sets the text encoding of the file, such as <c>windows-1252</c>.</summary>
    /// <value>The default value is <see langword="null"/>: UTF-8 (a byte order mark for UTF-8 or UTF-16 is honoured), and invalid UTF-8 is an error.</value>
    public string? Encoding { get; set; }

    /// <summary>Gets or sets the worksheet of an Excel workbook to read.</summary>
    /// <value>The default value is <see langword="null"/>: the first sheet.</value>
    public string? Sheet { get; set; }

    /// <summary>Gets the input columns copied into the output next to the scores, by header text.</summary>
    /// <value>The default value is empty.</value>
    public IList<string> Keep { get; } = [];

    /// <summary>Reads settings from JSON of the shape shown on <see cref="InputSettings"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not JSON of that shape (an unknown key, a value of the wrong type).</exception>
    public static InputSettings FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, InputSettingsJsonContext.Default.InputSettings)
            ?? throw new JsonException("expected a JSON object, found null");
    }

    /// <summary>Copies every setting that <paramref name="other"/> sets over this one's (columns key by key).</summary>
    /// <param name="other">The settings that win.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    public void Overlay(InputSettings other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (field, column) in other.Columns)
        {
            Columns[field] = column;
        }

        Culture = other.Culture ?? Culture;
        Delimiter = other.Delimiter ?? Delimiter;
        Encoding = other.Encoding ?? Encoding;
        Sheet = other.Sheet ?? Sheet;
        if (other.DateFormats.Count > 0)
        {
            DateFormats.Clear();
            foreach (string format in other.DateFormats)
            {
                DateFormats.Add(format);
            }
        }

        if (other.Keep.Count > 0)
        {
            Keep.Clear();
            foreach (string column in other.Keep)
            {
                Keep.Add(column);
            }
        }
    }
}

/// <summary>Source-generated JSON metadata for <see cref="InputSettings"/>: keys case-insensitive, unknown keys an error.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
[JsonSerializable(typeof(InputSettings))]
internal sealed partial class InputSettingsJsonContext : JsonSerializerContext;
