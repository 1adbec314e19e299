using System.Text;
using System.Text.Json;

namespace ExpansionScoring.Cli.Input;

/// <summary>
/// Reads accounts from a JSON array of objects, one object at a time with <see cref="Utf8JsonReader"/> over a small
/// buffer, so a large file streams like CSV does. Each row's line is the line of its opening brace.
/// </summary>
internal sealed class JsonAccountSource : IAccountSource
{
    private const int InitialBuffer = 64 * 1024;
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly Stream stream;
    private readonly string name;
    private readonly InputSchema schema;
    private readonly Action<string> warn;
    private readonly HashSet<string> warnedUnknown = new(StringComparer.OrdinalIgnoreCase);
    private long discarded;

    public JsonAccountSource(Stream stream, string name, InputSchema schema, long? totalBytes, Action<string> warn)
    {
        this.stream = stream;
        this.name = name;
        this.schema = schema;
        this.warn = warn;
        TotalBytes = totalBytes;
        FieldNames = schema.CamelNames;
        if (stream.CanSeek)
        {
            Preflight(stream, name);
        }
    }

    public IReadOnlyList<string> FieldNames { get; }

    public long? TotalBytes { get; }

    public long BytesRead => discarded;

    public IEnumerable<InputRow> ReadRows()
    {
        byte[] buffer = new byte[InitialBuffer];
        int length = 0;
        bool final = false;
        bool first = true;
        var chunk = new ChunkState { Line = 1, State = new JsonReaderState(ReaderOptions) };
        var rows = new List<InputRow>();
        while (!chunk.Finished)
        {
            if (!final)
            {
                int n = stream.ReadAtLeast(buffer.AsSpan(length), buffer.Length - length, throwOnEndOfStream: false);
                length += n;
                final = length < buffer.Length;
            }

            int start = 0;
            if (first)
            {
                first = false;
                if (buffer.AsSpan(0, length).StartsWith(Encoding.UTF8.Preamble))
                {
                    start = Encoding.UTF8.Preamble.Length;
                }
            }

            int consumed = start + ReadChunk(buffer.AsSpan(start, length - start), final, ref chunk, rows);
            foreach (var row in rows)
            {
                yield return row;
            }

            rows.Clear();
            Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
            discarded += consumed;
            if (length == buffer.Length)
            {
                // One object is larger than the buffer: grow it so the whole object fits.
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else if (final && consumed == 0 && !chunk.Finished)
            {
                throw new CliException($"{name}: not valid JSON: the file ends inside the array");
            }
        }
    }

    public void Dispose() => stream.Dispose();

    /// <summary>Reads every complete element in <paramref name="data"/>; returns the bytes consumed.</summary>
    private int ReadChunk(ReadOnlySpan<byte> data, bool final, ref ChunkState chunk, List<InputRow> rows)
    {
        var reader = new Utf8JsonReader(data, final, chunk.State);
        long startLine = chunk.Line;
        int counted = 0;
        try
        {
            while (true)
            {
                var before = reader.CurrentState;
                int beforePos = (int)reader.BytesConsumed;
                if (!reader.Read())
                {
                    if (final && !chunk.Started)
                    {
                        throw new CliException($"{name}: the file is empty (expected a JSON array of account objects)");
                    }

                    if (final && !chunk.Finished)
                    {
                        throw new CliException($"{name}: not valid JSON: the file ends inside the array");
                    }

                    chunk.Line += CountLines(data[counted..(int)reader.BytesConsumed]);
                    chunk.State = reader.CurrentState;
                    return (int)reader.BytesConsumed;
                }

                if (!chunk.Started)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new CliException($"{name}: not a JSON array of account objects (it starts with {Describe(reader.TokenType)})");
                    }

                    chunk.Started = true;
                    continue;
                }

                if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndArray)
                {
                    chunk.Finished = true;
                    continue;
                }

                if (chunk.Finished)
                {
                    continue;
                }

                int tokenStart = (int)reader.TokenStartIndex;
                chunk.Line += CountLines(data[counted..tokenStart]);
                counted = tokenStart;
                long line = chunk.Line;

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    var probe = reader;
                    if (!probe.TrySkip())
                    {
                        // The element is not complete in this chunk: resume from just before it once more data is read.
                        chunk.Line -= CountLines(data[beforePos..tokenStart]);
                        chunk.State = before;
                        return beforePos;
                    }
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    using var doc = JsonDocument.ParseValue(ref reader);
                    rows.Add(ToRow(line, doc.RootElement));
                }
                else
                {
                    var kind = reader.TokenType;
                    reader.Skip();
                    rows.Add(new InputRow(line, new string?[schema.Count], new Rejection(line, null, Rejection.WholeRow, null, $"expected an account object, found {Describe(kind)}")));
                }
            }
        }
        catch (JsonException ex)
        {
            long at = chunk.Line + CountLines(data[counted..Math.Min(data.Length, (int)reader.BytesConsumed)]);
            string detail = JsonMessages.WithoutPosition(ex.Message);
            throw new CliException($"{name}, near line {(ex.LineNumber is { } l ? startLine + l : at)}: not valid JSON: {detail}", ex);
        }
    }

    private InputRow ToRow(long line, JsonElement obj)
    {
        var values = new string?[schema.Count];
        Rejection? problem = null;
        foreach (var prop in obj.EnumerateObject())
        {
            if (!schema.TryFind(prop.Name, out int field))
            {
                if (warnedUnknown.Add(prop.Name))
                {
                    warn($"warning: {name}: ignoring unknown field {prop.Name}");
                }

                continue;
            }

            if (values[field] is not null)
            {
                problem ??= new Rejection(line, null, prop.Name, null, $"{prop.Name} is given more than once");
            }

            var value = prop.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    string s = value.GetString()!;
                    values[field] = string.IsNullOrWhiteSpace(s) ? null : s;
                    break;
                case JsonValueKind.Number:
                    values[field] = value.GetRawText();
                    break;
                case JsonValueKind.True:
                    values[field] = "true";
                    break;
                case JsonValueKind.False:
                    values[field] = "false";
                    break;
                case JsonValueKind.Array when field == InputSchema.TriggerEvents && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String):
                    values[field] = string.Join(';', value.EnumerateArray().Select(e => e.GetString()));
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    problem ??= new Rejection(line, null, prop.Name, value.GetRawText(), $"expected a single value, found {Describe(value.ValueKind)}");
                    break;
            }
        }

        return new InputRow(line, values, problem);
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

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => kind.ToString(),
    };

    private struct ChunkState
    {
        public JsonReaderState State;
        public long Line;
        public bool Started;
        public bool Finished;
    }
}
