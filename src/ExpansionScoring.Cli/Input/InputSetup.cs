using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ExpansionScoring.Cli.Input;

/// <summary>The input options as given on the command line (see <see cref="Commands.InputOptions"/>).</summary>
internal sealed record InputRequest(
    IReadOnlyList<string> Map,
    string? Mapping,
    string? Culture,
    string? Delimiter,
    string? Encoding,
    IReadOnlyList<string> DateFormats,
    string? Sheet,
    string? Keep)
{
    /// <summary>No input options: canonical columns, invariant values, detected separator, UTF-8.</summary>
    public static InputRequest None { get; } = new([], null, null, null, null, [], null, null);
}

/// <summary>
/// Turns the input options into <see cref="InputSettings"/> and a <see cref="ValueParser"/>: the <c>Input</c> section of
/// <c>--config</c> first, then the <c>--mapping</c> file over it, then the flags over both.
/// </summary>
internal static class InputSetup
{
    /// <summary>Gives the settings the options describe.</summary>
    /// <exception cref="CliException">A file is missing or malformed, a --map is not FIELD=COLUMN, or the culture is unknown.</exception>
    public static InputSettings Settings(InputRequest request, string? configPath)
    {
        var settings = new InputSettings();
        if (configPath is not null && File.Exists(configPath) && ConfigInputSection(configPath) is { } section)
        {
            settings.Overlay(Parse(section, $"--config {configPath}: Input"));
        }

        if (request.Mapping is not null)
        {
            if (!File.Exists(request.Mapping))
            {
                throw new CliException(Directory.Exists(request.Mapping) ? $"--mapping {request.Mapping}: is a directory, not a file" : $"--mapping {request.Mapping}: file not found");
            }

            settings.Overlay(Parse(File.ReadAllText(request.Mapping), $"--mapping {request.Mapping}"));
        }

        var flags = new InputSettings
        {
            Culture = request.Culture,
            Delimiter = request.Delimiter,
            Encoding = request.Encoding,
            Sheet = request.Sheet,
        };
        foreach (string map in request.Map)
        {
            int eq = map.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == map.Length - 1 || map[..eq].Trim().Length == 0 || map[(eq + 1)..].Trim().Length == 0)
            {
                throw new CliException($"--map: '{map}' is not FIELD=COLUMN (for example --map account_id=\"Record ID\")");
            }

            flags.Columns[map[..eq].Trim()] = map[(eq + 1)..].Trim().Trim('"');
        }

        foreach (string format in request.DateFormats)
        {
            flags.DateFormats.Add(format);
        }

        foreach (string column in (request.Keep ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            flags.Keep.Add(column);
        }

        settings.Overlay(flags);
        return settings;
    }

    /// <summary>Gives the value parser for the settings' culture and date formats.</summary>
    /// <exception cref="CliException">The culture is unknown or a date format is empty.</exception>
    public static ValueParser Values(InputSettings settings)
    {
        var culture = CultureInfo.InvariantCulture;
        if (settings.Culture is { } name && name.Trim().Length > 0 && !name.Trim().Equals("invariant", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                culture = CultureInfo.GetCultureInfo(name.Trim(), predefinedOnly: true);
            }
            catch (CultureNotFoundException ex)
            {
                throw new CliException($"--culture: unknown culture '{name}' (for example en-US, en-GB, de-DE, fr-FR, or invariant)", ex);
            }
        }

        if (settings.DateFormats.Any(string.IsNullOrWhiteSpace))
        {
            throw new CliException("--date-format: a date format is empty (for example dd.MM.yyyy)");
        }

        return new ValueParser(culture, [.. settings.DateFormats]);
    }

    private static InputSettings Parse(string json, string source)
    {
        try
        {
            return InputSettings.FromJson(json);
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is { } line ? $", line {line + 1}" : string.Empty;
            string message = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "unknown setting (allowed: columns, culture, delimiter, dateFormats, encoding, sheet, keep)"
                : "not valid JSON of the mapping's shape: " + JsonMessages.WithoutPosition(ex.Message);
            throw new CliException($"{source}{where}: {message}", ex);
        }
    }

    /// <summary>The <c>Input</c> property of the <c>--config</c> file (any case), as JSON text, or <see langword="null"/>.</summary>
    private static string? ConfigInputSection(string configPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(configPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Equals("Input", StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value.GetRawText();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null; // Loading the options reports the malformed file.
        }
    }

    /// <summary>
    /// Blanks the <c>Input</c> property out of a <c>--config</c> file's UTF-8 (spaces in place of its bytes, so every
    /// line number stays the same), for the options reader that does not know it.
    /// </summary>
    public static byte[] WithoutInputSection(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return json;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                long start = reader.TokenStartIndex;
                bool isInput = reader.GetString()!.Equals("Input", StringComparison.OrdinalIgnoreCase);
                reader.Read();
                reader.Skip();
                long end = reader.BytesConsumed;
                if (isInput)
                {
                    byte[] copy = (byte[])json.Clone();
                    int stop = (int)end;
                    while (stop < copy.Length && copy[stop] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                    {
                        stop++;
                    }

                    if (stop < copy.Length && copy[stop] == (byte)',')
                    {
                        end = stop + 1; // The comma after it goes too; a comma before a last property is a trailing comma, which is allowed.
                    }

                    for (long i = start; i < end; i++)
                    {
                        if (copy[i] is not ((byte)'\r' or (byte)'\n'))
                        {
                            copy[i] = (byte)' ';
                        }
                    }

                    return copy;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed: the options reader reports it with its position.
        }

        return json;
    }
}
