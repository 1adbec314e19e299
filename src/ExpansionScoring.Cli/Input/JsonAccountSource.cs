using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Reads accounts from a JSON array of objects with one <see cref="Utf8JsonReader"/> pass over a buffer that slides
/// through the file, so a large file streams like CSV does. Each object's values are kept as UTF-8 spans by schema
/// field (<see cref="Span"/>): the columnar reader takes them as they are, and only a row it cannot take is made into
/// strings (<see cref="Materialize"/>). Each row's line is the line of its opening brace.
/// </summary>
/// <remarks>
/// Limits: one element of the array (an account object) may take at most <see cref="MaxElementBytes"/> bytes of the
/// file; a larger one stops the run with a message naming the limit, before memory grows with it. A string that is
/// not text (an escaped lone surrogate such as <c>\ud800</c>, or bytes that are not UTF-8) rejects its row, naming the
/// line and field.
/// </remarks>
internal sealed class JsonAccountSource : ISpanRecordSource
{
    /// <summary>The most bytes one element of the array may take: far more than any account needs.</summary>
    public const int MaxElementBytes = 1 << 20;

    private const int InitialBuffer = 64 * 1024;
    private const byte Absent = 0, Text = 1, Number = 2, True = 3, False = 4, Null = 5, List = 6;
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly Stream stream;
    private readonly string name;
    private readonly InputSchema schema;
    private readonly Action<string> warn;
    private readonly HashSet<string> warnedUnknown = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(byte[] Name, int Field, string Spelled)> names = [];
    private readonly int[] start;
    private readonly int[] length;
    private readonly byte[] kind;
    private readonly int[] identity;

    private byte[] buffer = new byte[InitialBuffer];
    private int filled;
    private int position;
    private bool final;
    private bool started;
    private bool finished;
    private JsonReaderState state = new(ReaderOptions);
    private long line = 1;
    private long discarded;
    private byte[] values = new byte[1024];
    private int valueBytes;
    private int lastName = -1;
    private Rejection? recordProblem;
    private bool recordIsPlain;
    private bool checkedAhead;

    public JsonAccountSource(Stream stream, string name, InputSchema schema, long? totalBytes, Action<string> warn)
    {
        this.stream = stream;
        this.name = name;
        this.schema = schema;
        this.warn = warn;
        TotalBytes = totalBytes;
        FieldNames = schema.CamelNames;
        start = new int[schema.Count];
        length = new int[schema.Count];
        kind = new byte[schema.Count];
        identity = [.. Enumerable.Range(0, schema.Count)];
        if (stream.CanSeek)
        {
            Preflight(stream, name);
        }
    }

    public IReadOnlyList<string> FieldNames { get; }

    public long? TotalBytes { get; }

    public long BytesRead => discarded + position;

    /// <summary>Gets whether the current record holds only fields in <paramref name="allowed"/> (by schema index), and nothing the columnar reader would have to decode.</summary>
    public bool CurrentRecordOnly(IReadOnlySet<int> allowed)
    {
        if (!recordIsPlain)
        {
            return false;
        }

        for (int f = 0; f < kind.Length; f++)
        {
            if (kind[f] != Absent && !allowed.Contains(f))
            {
                return false;
            }
        }

        return true;
    }

    public IEnumerable<InputRow> ReadRows()
    {
        while (NextRecord(out long at, out var problem))
        {
            yield return Materialize(at, problem);
        }
    }

    /// <summary>Advances to the next element of the array; its values are then read with <see cref="Span"/>.</summary>
    /// <exception cref="CliException">The file is not valid JSON, ends inside the array, or an element is beyond <see cref="MaxElementBytes"/>.</exception>
    public bool NextRecord(out long at, out Rejection? problem)
    {
        while (true)
        {
            if (finished && final && position == filled)
            {
                at = 0;
                problem = null;
                return false;
            }

            if (!checkedAhead && (filled > 0 || final))
            {
                checkedAhead = true;
                FailEarly();
            }

            var reader = new Utf8JsonReader(buffer.AsSpan(position, filled - position), final, state);
            long lineBefore = line;
            var outcome = TryReadElement(ref reader, out at);
            if (outcome == Outcome.Incomplete)
            {
                line = lineBefore;
                if (final)
                {
                    throw new CliException($"{name}: not valid JSON: the file ends inside the array");
                }

                if (filled - position >= MaxElementBytes)
                {
                    var rest = buffer.AsSpan(position, filled - position);
                    long where = line + CountLines(rest[..Math.Max(0, rest.IndexOfAnyExcept(" \t\r\n,"u8))]);
                    throw new CliException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"{name}, line {where}: an element of the array is larger than {MaxElementBytes:N0} bytes (1 MiB), the most one account may take; is the file a book of accounts?"));
                }

                Refill();
                continue;
            }

            state = reader.CurrentState;
            position += (int)reader.BytesConsumed;
            if (outcome == Outcome.Element)
            {
                problem = recordProblem;
                return true;
            }
        }
    }

    /// <summary>Gets the current record's value of schema field <paramref name="column"/> as UTF-8 (strings unescaped, numbers as written); empty when absent or null.</summary>
    public ReadOnlySpan<byte> Span(int column)
        => kind[column] is Text or Number or True or False or List ? values.AsSpan(start[column], length[column]) : default;

    /// <summary>Gets the column of each schema field: for JSON, the field itself.</summary>
    public int[] ColumnsByField() => identity;

    /// <summary>The current record as the string values <see cref="AccountRowParser"/> reads.</summary>
    public InputRow Materialize(long at, Rejection? problem)
    {
        var row = new string?[schema.Count];
        for (int f = 0; f < row.Length; f++)
        {
            if (kind[f] is Text or Number or True or False or List)
            {
                string s = Encoding.UTF8.GetString(values, start[f], length[f]);
                row[f] = string.IsNullOrWhiteSpace(s) ? null : s;
            }
        }

        return new InputRow(at, row, problem);
    }

    public void Dispose() => stream.Dispose();

    /// <summary>
    /// A syntax error in the first buffer (64 KiB) is reported before any row of it: when a quick pass finds one, the
    /// elements are read, without yielding, up to the error, so that the message is the reader's own.
    /// </summary>
    private void FailEarly()
    {
        var probe = new Utf8JsonReader(buffer.AsSpan(position, filled - position), final, state);
        try
        {
            while (probe.Read())
            {
            }

            return;
        }
        catch (JsonException)
        {
        }

        var saved = (position, state, line, started, finished);
        while (true)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(position, filled - position), final, state);
            if (TryReadElement(ref reader, out _) == Outcome.Incomplete)
            {
                break;
            }

            state = reader.CurrentState;
            position += (int)reader.BytesConsumed;
        }

        (position, state, line, started, finished) = saved;
    }

    private void Refill()
    {
        // Slide what is left to the front, grow when one element fills the buffer, then read.
        int left = filled - position;
        if (position > 0)
        {
            Buffer.BlockCopy(buffer, position, buffer, 0, left);
            discarded += position;
            position = 0;
            filled = left;
        }

        if (filled == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        bool first = discarded == 0 && filled == 0;
        int n = stream.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
        filled += n;
        final = filled < buffer.Length;
        if (first && buffer.AsSpan(0, filled).StartsWith(Encoding.UTF8.Preamble))
        {
            position = Encoding.UTF8.Preamble.Length;
        }
    }

    private enum Outcome
    {
        Incomplete,
        Element,
        Structure,
    }

    /// <summary>Reads up to and including the next element (or the array's end); <see cref="Outcome.Incomplete"/> when the data runs out first.</summary>
    private Outcome TryReadElement(ref Utf8JsonReader reader, out long at)
    {
        at = 0;
        var data = buffer.AsSpan(position, filled - position);
        int counted = 0;
        try
        {
            while (true)
            {
                if (!reader.Read())
                {
                    if (final && !started)
                    {
                        throw new CliException($"{name}: the file is empty (expected a JSON array of account objects)");
                    }

                    if (final && !finished)
                    {
                        throw new CliException($"{name}: not valid JSON: the file ends inside the array");
                    }

                    if (final && finished)
                    {
                        // Only trailing comments and white space were left.
                        line += CountLines(data[counted..(int)reader.BytesConsumed]);
                        return Outcome.Structure;
                    }

                    return Outcome.Incomplete;
                }

                if (!started)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new CliException($"{name}: not a JSON array of account objects (it starts with {Describe(reader.TokenType)})");
                    }

                    started = true;
                    line += CountLines(data[counted..(int)reader.BytesConsumed]);
                    return Outcome.Structure;
                }

                int tokenStart = (int)reader.TokenStartIndex;
                line += CountLines(data[counted..tokenStart]);
                counted = tokenStart;
                if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndArray)
                {
                    finished = true;
                    line += CountLines(data[counted..(int)reader.BytesConsumed]);
                    return Outcome.Structure;
                }

                at = line;
                Clear();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!ReadObject(ref reader, data, at))
                    {
                        return Outcome.Incomplete;
                    }
                }
                else
                {
                    var found = reader.TokenType;
                    if (!reader.TrySkip())
                    {
                        return Outcome.Incomplete;
                    }

                    recordIsPlain = false;
                    recordProblem = new Rejection(at, null, Rejection.WholeRow, null, $"expected an account object, found {Describe(found)}");
                }

                line += CountLines(data[counted..(int)reader.BytesConsumed]);
                return Outcome.Element;
            }
        }
        catch (JsonException ex)
        {
            long near = line + CountLines(data[counted..Math.Min(data.Length, (int)reader.BytesConsumed)]);
            throw new CliException($"{name}, near line {near}: not valid JSON: {JsonMessages.WithoutPosition(ex.Message)}", ex);
        }
    }

    /// <summary>Reads one object's properties into the record; <see langword="false"/> when the data runs out inside it.</summary>
    private bool ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, long at)
    {
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            int field = FieldOf(ref reader, out string spelled);
            if (!reader.Read())
            {
                return false;
            }

            if (field < 0)
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return false;
                }

                continue;
            }

            if (kind[field] != Absent)
            {
                recordProblem ??= new Rejection(at, null, spelled, null, $"{spelled} is given more than once");
                recordIsPlain = false;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return false;
                }

                continue;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    StoreString(ref reader, field, spelled, at);
                    break;
                case JsonTokenType.Number:
                    Store(field, Number, reader.ValueSpan);
                    break;
                case JsonTokenType.True:
                    Store(field, True, "true"u8);
                    break;
                case JsonTokenType.False:
                    Store(field, False, "false"u8);
                    break;
                case JsonTokenType.Null:
                    kind[field] = Null;
                    break;
                default:
                    if (!ReadCompound(ref reader, data, field, spelled, at))
                    {
                        return false;
                    }

                    break;
            }
        }
    }

    /// <summary>An array or object as a value: the trigger events may be a list of strings; anything else rejects the row.</summary>
    private bool ReadCompound(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, int field, string spelled, long at)
    {
        int rawStart = (int)reader.TokenStartIndex;
        var found = reader.TokenType;
        var probe = reader;
        if (!probe.TrySkip())
        {
            return false;
        }

        recordIsPlain = false;
        if (found == JsonTokenType.StartArray && field == InputSchema.TriggerEvents)
        {
            // A list of strings is the events joined with ';', as the CSV spells them.
            int begin = valueBytes;
            bool strings = true, first = true;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    strings = false;
                    reader.Skip();
                    continue;
                }

                if (!first)
                {
                    Append(";"u8);
                }

                first = false;
                if (!Unescape(ref reader, out var text))
                {
                    recordProblem ??= NotText(at, spelled);
                    continue;
                }

                Append(text);
            }

            if (strings)
            {
                kind[field] = List;
                start[field] = begin;
                length[field] = valueBytes - begin;
                return true;
            }

            valueBytes = begin;
        }
        else
        {
            reader.Skip();
        }

        string raw = Encoding.UTF8.GetString(data[rawStart..(int)reader.BytesConsumed]);
        kind[field] = Null;
        recordProblem ??= new Rejection(at, null, spelled, raw, $"expected a single value, found {(found == JsonTokenType.StartObject ? "an object" : "an array")}");
        return true;
    }

    private void StoreString(ref Utf8JsonReader reader, int field, string spelled, long at)
    {
        if (!Unescape(ref reader, out var text))
        {
            kind[field] = Null;
            recordIsPlain = false;
            recordProblem ??= NotText(at, spelled);
            return;
        }

        Store(field, Text, text);
    }

    /// <summary>The string's UTF-8 text, unescaped; <see langword="false"/> when it is not text (a lone surrogate escape, invalid UTF-8).</summary>
    private bool Unescape(ref Utf8JsonReader reader, out ReadOnlySpan<byte> text)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            text = raw;
            return Utf8.IsValid(raw);
        }

        Reserve(raw.Length);
        try
        {
            int n = reader.CopyString(values.AsSpan(valueBytes));
            text = values.AsSpan(valueBytes, n);
            return Utf8.IsValid(text);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape a lone surrogate (\ud800): not a character, so not text.
            text = default;
            return false;
        }
    }

    private static Rejection NotText(long at, string spelled)
        => new(at, null, spelled, null, "not valid text: the string holds a lone surrogate escape (such as \\ud800) or bytes that are not UTF-8");

    /// <summary>The schema field of the property name just read, −1 for a field the schema does not know (warned about once).</summary>
    private int FieldOf(ref Utf8JsonReader reader, out string spelled)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            // Objects of one export spell their fields in the same order: try the one after the last first.
            for (int k = 0; k < names.Count; k++)
            {
                int i = (lastName + 1 + k) % names.Count;
                if (raw.SequenceEqual(names[i].Name))
                {
                    lastName = i;
                    spelled = names[i].Spelled;
                    return names[i].Field;
                }
            }
        }

        try
        {
            spelled = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // A name that is not text (a lone surrogate escape) names no field.
            spelled = Encoding.UTF8.GetString(raw);
        }

        int field = schema.TryFind(spelled, out int found) ? found : -1;
        if (field < 0 && warnedUnknown.Add(spelled))
        {
            warn($"warning: {name}: ignoring unknown field {spelled}");
        }

        if (!reader.ValueIsEscaped)
        {
            names.Add((raw.ToArray(), field, spelled));
            lastName = names.Count - 1;
        }

        return field;
    }

    private void Clear()
    {
        Array.Clear(kind);
        valueBytes = 0;
        recordProblem = null;
        recordIsPlain = true;
    }

    private void Store(int field, byte what, ReadOnlySpan<byte> text)
    {
        // An unescaped string is already in place at the end of the values (Unescape reserved room): the copy is onto itself.
        kind[field] = what;
        start[field] = valueBytes;
        length[field] = text.Length;
        Append(text);
    }

    private void Append(ReadOnlySpan<byte> text)
    {
        Reserve(text.Length);
        text.CopyTo(values.AsSpan(valueBytes));
        valueBytes += text.Length;
    }

    private void Reserve(int bytes)
    {
        if (valueBytes + bytes > values.Length)
        {
            Array.Resize(ref values, Math.Max(values.Length * 2, valueBytes + bytes));
        }
    }

    /// <summary>Fails early, before any output is written, when the file is empty or is not a JSON array.</summary>
    private static void Preflight(Stream stream, string name)
    {
        Span<byte> head = stackalloc byte[4096];
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var bytes = head[..n];
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        int first = bytes.IndexOfAnyExcept((ReadOnlySpan<byte>)" \t\r\n"u8);
        if (first < 0 && n < head.Length)
        {
            throw new CliException($"{name}: the file is empty (expected a JSON array of account objects)");
        }

        if (first >= 0 && bytes[first] is not ((byte)'[' or (byte)'/'))
        {
            throw new CliException(bytes[first] == (byte)'{'
                ? $"{name}: not a JSON array of account objects (it is a single object; wrap the accounts in [ ])"
                : $"{name}: not a JSON file (expected a JSON array of account objects)");
        }
    }

    private static int CountLines(ReadOnlySpan<byte> span) => span.Count((byte)'\n');

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
