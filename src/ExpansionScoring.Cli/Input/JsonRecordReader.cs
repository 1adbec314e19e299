using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Parses a JSON book, a page at a time (<see cref="JsonRecordPage"/>), with one <see cref="Utf8JsonReader"/> pass per
/// page of the file's bytes: values are recorded where they are, and only an escaped string or a list of trigger
/// events is written anew. Each record's line is the line of its opening brace.
/// </summary>
/// <remarks>
/// An element is limited to <see cref="MaxElementBytes"/> bytes; a larger one stops the run, naming the limit and its
/// line. A string that is not text (an escaped lone surrogate such as <c>\ud800</c>, or bytes that are not UTF-8)
/// rejects its row, naming the field. A syntax error within the file's first 64 KiB stops the run before any row.
/// </remarks>
internal sealed class JsonRecordReader(Stream stream, string name, InputSchema schema)
{
    /// <summary>The most bytes one element of the array may take: far more than any account needs.</summary>
    public const int MaxElementBytes = 1 << 20;

    /// <summary>The first read, small so that the first rows come quickly and a broken file fails before any row.</summary>
    private const int FirstRead = 64 * 1024;

    // Comments are allowed and stepped over here (Next), not by the reader: its skipping mode takes a slower path for
    // every token, comment or not.
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Allow, AllowTrailingCommas = true };

    private readonly HashSet<string> warnedUnknown = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> pendingWarnings = [];
    private readonly List<byte[]> nameBytes = [];
    private readonly List<(int Field, string Spelled)> nameFields = [];
    private int lastName = -1;

    private JsonRecordPage page = null!;
    private byte[] carry = new byte[4096];
    private int carried;
    private int filled;
    private int position;
    private bool final;
    private bool started;
    private bool finished;
    private bool readOnce;
    private bool failFirst;
    private JsonReaderState state = new(ReaderOptions);
    private long line = 1;
    private long discarded;

    private enum Outcome
    {
        Incomplete,
        Element,
        Structure,
    }

    /// <summary>Fills <paramref name="target"/> with the next records; its <see cref="JsonRecordPage.Last"/> or <see cref="JsonRecordPage.Failure"/> says when the book ends.</summary>
    public void Fill(JsonRecordPage target)
    {
        page = target;
        page.Reset();
        try
        {
            FillCore();
        }
        catch (Exception ex)
        {
            if (failFirst)
            {
                page.DropRecords(); // A syntax error in the first buffer is reported before any row of it.
            }

            Flush(page.Count);
            page.Failure = ExceptionDispatchInfo.Capture(ex);
        }
    }

    private void FillCore()
    {
        if (page.Bytes.Length < carried * 2)
        {
            page.Bytes = new byte[carried * 2];
        }

        carry.AsSpan(0, carried).CopyTo(page.Bytes);
        filled = carried;
        position = 0;
        carried = 0;
        while (true)
        {
            if (!final && filled < page.Bytes.Length)
            {
                Read();
            }

            if (ParseAvailable())
            {
                page.Last = true;
                return;
            }

            if (final)
            {
                throw new CliException($"{name}: not valid JSON: the file ends inside the array");
            }

            int left = filled - position;
            if (page.Count > 0)
            {
                // The rest of the page's bytes start the next page.
                if (carry.Length < left)
                {
                    carry = new byte[Math.Max(carry.Length * 2, left)];
                }

                page.Bytes.AsSpan(position, left).CopyTo(carry);
                carried = left;
                discarded += position;
                return;
            }

            if (left >= MaxElementBytes)
            {
                var rest = page.Bytes.AsSpan(position, left);
                long where = line + CountLines(rest[..Math.Max(0, rest.IndexOfAnyExcept(" \t\r\n,"u8))]);
                throw new CliException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{name}, line {where}: an element of the array is larger than {MaxElementBytes:N0} bytes (1 MiB), the most one account may take; is the file a book of accounts?"));
            }

            // Slide what is left to the front, grow when one element fills the buffer, then read more.
            if (position > 0)
            {
                page.Bytes.AsSpan(position, left).CopyTo(page.Bytes);
                discarded += position;
                position = 0;
                filled = left;
            }

            if (filled == page.Bytes.Length)
            {
                var grown = new byte[page.Bytes.Length * 2];
                page.Bytes.AsSpan(0, filled).CopyTo(grown);
                page.Bytes = grown;
            }
        }
    }

    private void Read()
    {
        int limit = readOnce ? page.Bytes.Length : Math.Min(FirstRead, page.Bytes.Length);
        int wanted = limit - filled;
        int n = stream.ReadAtLeast(page.Bytes.AsSpan(filled, wanted), wanted, throwOnEndOfStream: false);
        filled += n;
        final = n < wanted;
        if (!readOnce)
        {
            readOnce = true;
            if (page.Bytes.AsSpan(0, filled).StartsWith(Encoding.UTF8.Preamble))
            {
                position = Encoding.UTF8.Preamble.Length;
            }

            failFirst = HasSyntaxError();
        }
    }

    /// <summary>Whether the first buffer holds a syntax error: then its rows are not given, only the error.</summary>
    private bool HasSyntaxError()
    {
        var probe = new Utf8JsonReader(page.Bytes.AsSpan(position, filled - position), final, state);
        try
        {
            while (probe.Read())
            {
            }

            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    /// <summary>Reads the complete elements in the page's bytes; <see langword="true"/> when the array and the file have ended.</summary>
    private bool ParseAvailable()
    {
        var data = page.Bytes.AsSpan(position, filled - position);
        int origin = position;
        var reader = new Utf8JsonReader(data, final, state);
        while (true)
        {
            if (finished && final && position == filled)
            {
                return true;
            }

            page.Begin();
            long lineBefore = line;
            int valuesBefore = page.ValueBytes;
            var outcome = TryReadElement(ref reader, data, position - origin, out long at);
            if (outcome == Outcome.Incomplete)
            {
                line = lineBefore;
                page.ValueBytes = valuesBefore;
                return false;
            }

            state = reader.CurrentState;
            position = origin + (int)reader.BytesConsumed;
            if (outcome == Outcome.Element)
            {
                Flush(page.Count);
                page.Commit(at, discarded + position);
            }
        }
    }

    /// <summary>Gives the warnings of the element just read to the page, at its record.</summary>
    private void Flush(int record)
    {
        foreach (string warning in pendingWarnings)
        {
            page.Warnings.Add((record, warning));
        }

        pendingWarnings.Clear();
    }

    /// <summary>Reads up to and including the next element (or the array's end); <see cref="Outcome.Incomplete"/> when the data runs out first.</summary>
    private Outcome TryReadElement(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, int counted, out long at)
    {
        at = 0;
        try
        {
            while (true)
            {
                if (!Next(ref reader))
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

                    int record = page.Count;
                    page.Plain[record] = false;
                    page.Problem[record] = new Rejection(at, null, Rejection.WholeRow, null, $"expected an account object, found {Describe(found)}");
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

    /// <summary>Reads one object's properties into the page's current record; <see langword="false"/> when the data runs out inside it.</summary>
    private bool ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, long at)
    {
        int record = page.Count;
        int row = record * page.Fields;
        while (true)
        {
            if (!Next(ref reader))
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            int field = FieldOf(ref reader, out string spelled);
            if (!Next(ref reader))
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

            if (page.Kind[row + field] != JsonRecordPage.Absent)
            {
                page.Problem[record] ??= new Rejection(at, null, spelled, null, $"{spelled} is given more than once");
                page.Plain[record] = false;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return false;
                }

                continue;
            }

            page.Present[record] |= 1UL << Math.Min(field, 63);
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    StoreString(ref reader, record, field, spelled, at);
                    break;
                case JsonTokenType.Number:
                    Set(row + field, JsonRecordPage.Number, OffsetOf(reader.ValueSpan), reader.ValueSpan.Length);
                    break;
                case JsonTokenType.True:
                    Set(row + field, JsonRecordPage.True, OffsetOf(reader.ValueSpan), reader.ValueSpan.Length);
                    break;
                case JsonTokenType.False:
                    Set(row + field, JsonRecordPage.False, OffsetOf(reader.ValueSpan), reader.ValueSpan.Length);
                    break;
                case JsonTokenType.Null:
                    page.Kind[row + field] = JsonRecordPage.Null;
                    break;
                default:
                    if (!ReadCompound(ref reader, data, record, field, spelled, at))
                    {
                        return false;
                    }

                    break;
            }
        }
    }

    /// <summary>An array or object as a value: the trigger events may be a list of strings; anything else rejects the row.</summary>
    private bool ReadCompound(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, int record, int field, string spelled, long at)
    {
        int rawStart = (int)reader.TokenStartIndex;
        var found = reader.TokenType;
        var probe = reader;
        if (!probe.TrySkip())
        {
            return false;
        }

        page.Plain[record] = false;
        int at0 = (record * page.Fields) + field;
        if (found == JsonTokenType.StartArray && field == InputSchema.TriggerEvents)
        {
            // A list of strings is the events joined with ';', as the CSV spells them.
            int begin = page.ValueBytes;
            bool strings = true, first = true;
            while (Next(ref reader) && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    strings = false;
                    reader.TrySkip(); // Complete (the probe skipped the whole list): TrySkip, as Skip refuses a buffer that is not the file's last.
                    continue;
                }

                if (!first)
                {
                    AppendValue(";"u8);
                }

                first = false;
                if (!AppendString(ref reader))
                {
                    page.Problem[record] ??= NotText(at, spelled);
                }
            }

            if (strings)
            {
                Set(at0, JsonRecordPage.List, ~begin, page.ValueBytes - begin);
                return true;
            }

            page.ValueBytes = begin;
        }
        else
        {
            reader.TrySkip();
        }

        string raw = Encoding.UTF8.GetString(data[rawStart..(int)reader.BytesConsumed]);
        page.Kind[at0] = JsonRecordPage.Null;
        page.Problem[record] ??= new Rejection(at, null, spelled, raw, $"expected a single value, found {(found == JsonTokenType.StartObject ? "an object" : "an array")}");
        return true;
    }

    private void StoreString(ref Utf8JsonReader reader, int record, int field, string spelled, long at)
    {
        int at0 = (record * page.Fields) + field;
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            if (Utf8.IsValid(raw))
            {
                Set(at0, JsonRecordPage.Text, OffsetOf(raw), raw.Length);
                return;
            }
        }
        else
        {
            int begin = page.ValueBytes;
            if (AppendString(ref reader))
            {
                Set(at0, JsonRecordPage.Text, ~begin, page.ValueBytes - begin);
                return;
            }
        }

        page.Kind[at0] = JsonRecordPage.Null;
        page.Plain[record] = false;
        page.Problem[record] ??= NotText(at, spelled);
    }

    /// <summary>Appends the string's UTF-8 text, unescaped, to the page's values; <see langword="false"/> (appending nothing) when it is not text (a lone surrogate escape, invalid UTF-8).</summary>
    private bool AppendString(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            if (!Utf8.IsValid(raw))
            {
                return false;
            }

            AppendValue(raw);
            return true;
        }

        page.Reserve(raw.Length);
        try
        {
            int n = reader.CopyString(page.Values.AsSpan(page.ValueBytes));
            if (!Utf8.IsValid(page.Values.AsSpan(page.ValueBytes, n)))
            {
                return false;
            }

            page.ValueBytes += n;
            return true;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape a lone surrogate (\ud800): not a character, so not text.
            return false;
        }
    }

    private void AppendValue(ReadOnlySpan<byte> text)
    {
        page.Reserve(text.Length);
        text.CopyTo(page.Values.AsSpan(page.ValueBytes));
        page.ValueBytes += text.Length;
    }

    private void Set(int at, byte kind, int start, int length)
    {
        page.Kind[at] = kind;
        page.Start[at] = start;
        page.Length[at] = length;
    }

    /// <summary>Where <paramref name="span"/>, a value the reader gave, starts in the page's bytes.</summary>
    private int OffsetOf(ReadOnlySpan<byte> span)
        => (int)Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(page.Bytes), ref MemoryMarshal.GetReference(span));

    private static Rejection NotText(long at, string spelled)
        => new(at, null, spelled, null, "not valid text: the string holds a lone surrogate escape (such as \\ud800) or bytes that are not UTF-8");

    /// <summary>The schema field of the property name just read, −1 for a field the schema does not know (warned about once).</summary>
    private int FieldOf(ref Utf8JsonReader reader, out string spelled)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            // Objects of one export spell their fields in the same order: try the one after the last first.
            int count = nameBytes.Count;
            for (int k = 0; k < count; k++)
            {
                int i = lastName + 1 + k;
                if (i >= count)
                {
                    i -= count;
                }

                if (raw.SequenceEqual(nameBytes[i]))
                {
                    lastName = i;
                    spelled = nameFields[i].Spelled;
                    return nameFields[i].Field;
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
            pendingWarnings.Add($"warning: {name}: ignoring unknown field {spelled}");
        }

        if (!reader.ValueIsEscaped)
        {
            nameBytes.Add(raw.ToArray());
            nameFields.Add((field, spelled));
            lastName = nameBytes.Count - 1;
        }

        return field;
    }

    /// <summary>Reads the next token that is not a comment; <see langword="false"/> when the data runs out first.</summary>
    private static bool Next(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.Comment)
            {
                return true;
            }
        }

        return false;
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
