using System.Globalization;
using System.Text;
using ExpansionScoring.Cli.Input;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Input;

/// <summary>
/// A JSON book parsed in blocks on several threads, plain objects by the scanner, reads exactly as the same book parsed
/// whole on one thread by <see cref="System.Text.Json.Utf8JsonReader"/> alone: the same
/// records (lines, values, rejections, progress), the same warnings at the same places, the same error after the same
/// rows. Blocks are made tiny so that their ends fall everywhere: inside strings holding braces, quotes and escapes,
/// inside comments, between a name and its value, on blank lines.
/// </summary>
public sealed class JsonBlockParseTests
{
    /// <summary>The fields the columnar reader takes, for <see cref="JsonAccountSource.CurrentRecordOnly"/>.</summary>
    private static readonly HashSet<int> Columnar = [.. Enumerable.Range(0, InputSchema.ContractStartDate + 1)];

    [Property(MaxTest = 300, Arbitrary = [typeof(Books)])]
    public Property ReadInBlocks_RandomBook_SameAsReadWholeOnOneThread(Book book)
    {
        using var temp = Temp();
        string path = temp.Write("book.json", book.Bytes);

        var whole = Drain(path, int.MaxValue / 2, 1, out bool wholeInBlocks, scan: false);
        var blocks = Drain(path, book.BlockBytes, book.Workers, out bool inBlocks);

        bool expectBlocks = book.Bytes.Length >= 2 * book.BlockBytes && !HeadHasSyntaxError(book.Bytes);
        return (!wholeInBlocks && inBlocks == expectBlocks && whole.SequenceEqual(blocks))
            .Label($"in blocks: {inBlocks} (expected {expectBlocks})\n{Difference(whole, blocks)}");
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(Books)])]
    public Property ReadParallel_RandomBookInBlocks_SameRecordsAsReadOneAtATime(Book book)
    {
        // The compact route's reading: a span parser on the parsing threads, the rows it does not take as strings.
        using var temp = Temp();
        string path = temp.Write("book.json", book.Bytes);

        var parallel = DrainRecords(path, book.BlockBytes, book.Workers, parallel: true);
        var oneAtATime = DrainRecords(path, int.MaxValue / 2, 1, parallel: false);

        return (parallel is null || parallel.SequenceEqual(oneAtATime!)).Label(parallel is null ? "not in blocks" : Difference(oneAtATime!, parallel));
    }

    [Fact]
    public void ReadInBlocks_TinyBlocks_ReadsOnSeveralThreadsAsOnOne()
    {
        // Every block boundary inside something: strings with '},{', escaped quotes, comments, a line of its own.
        var sb = new StringBuilder("[\n");
        for (int i = 0; i < 300; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {{\"accountId\": \"a{i}\", \"name\": \"x}},{{\\\"y\\\" {i}\", /* }}, {{ */ \"arr\": {1000 + i}, \"planFit\": {i % 101}, \"ownerEmail\": null}}{(i < 299 ? "," : string.Empty)}\n");
            if (i % 7 == 0)
            {
                sb.Append("// },{\n\n");
            }
        }

        sb.Append("]\n");
        using var temp = Temp();
        string path = temp.Write("book.json", sb.ToString());

        for (int blockBytes = 1; blockBytes < 700; blockBytes += 37)
        {
            var blocks = Drain(path, blockBytes, 2, out bool inBlocks);
            Assert.True(inBlocks);
            Assert.Equal(Drain(path, int.MaxValue / 2, 1, out _, scan: false), blocks);
            Assert.Equal(300 + 2, blocks.Count); // 300 rows, one warning, the end
        }
    }

    [Fact]
    public void ReadInBlocks_SyntaxErrorPastTheFirst64KiB_RowsBeforeItThenTheErrorWithTheFilesLine()
    {
        var sb = new StringBuilder("[\n");
        for (int i = 0; i < 5000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {{\"accountId\": \"a{i}\", \"arr\": {1000 + i}}}{(i == 4000 ? " x" : string.Empty)},\n");
        }

        sb.Append("  {}\n]\n");
        Assert.True(sb.Length > 2 * JsonRecordReader.FirstRead);
        using var temp = Temp();
        string path = temp.Write("book.json", sb.ToString());

        var blocks = Drain(path, 4096, 2, out bool inBlocks);

        Assert.True(inBlocks);
        Assert.Equal(Drain(path, int.MaxValue / 2, 1, out _, scan: false), blocks);
        Assert.Equal(4002, blocks.Count);
        Assert.StartsWith($"error {path}, near line 4002: not valid JSON", blocks[^1], StringComparison.Ordinal);
    }

    /// <summary>What a reader gives, in order: each row (line, progress, rejection, values), warning and error.</summary>
    private static List<string> Drain(string path, int blockBytes, int workers, out bool inBlocks, bool scan = true)
    {
        var events = new List<string>();
        inBlocks = false;
        try
        {
            using var source = new JsonAccountSource(new FileStream(path, FileMode.Open, FileAccess.Read), path, new InputSchema(), null, w => events.Add("warn " + w), blockBytes, workers, scan);
            inBlocks = source.ReadsInBlocks;
            while (source.NextRecord(out long line, out var problem))
            {
                var row = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"row {line} at {source.BytesRead} {problem} only {source.CurrentRecordOnly(Columnar)}:"));
                for (int f = 0; f < source.FieldNames.Count; f++)
                {
                    row.Append(' ').Append(Convert.ToHexString(source.Span(f)));
                }

                events.Add(row.ToString());
            }

            events.Add("end");
        }
        catch (CliException ex)
        {
            events.Add("error " + ex.Message);
        }

        return events;
    }

    /// <summary>
    /// What the compact route's reading gives, in order: each record as a test parser reads it on the parsing threads
    /// (<see cref="JsonAccountSource.ReadParallel"/>), or as the reader takes it one at a time; a row either parser does
    /// not take as strings; warnings; the error. <see langword="null"/> when the book is not read in blocks.
    /// </summary>
    private static List<string>? DrainRecords(string path, int blockBytes, int workers, bool parallel)
    {
        var events = new List<string>();
        try
        {
            using var source = new JsonAccountSource(new FileStream(path, FileMode.Open, FileAccess.Read), path, new InputSchema(), null, w => events.Add("warn " + w), blockBytes, workers, scan: parallel);
            if (parallel && !source.ReadsInBlocks)
            {
                return null;
            }

            if (parallel)
            {
                using var records = source.ReadParallel((JsonFields fields, out string value) => Summary(fields, out value), Columnar);
                var record = default(SourceRecord<string>);
                while (records.Next(ref record))
                {
                    events.Add(record.Taken ? $"row {record.Line} at {record.Offset} taken {record.Value}" : $"row {record.Line} at {record.Offset} text {Text(records.Row(record))}");
                }
            }
            else
            {
                while (source.NextRecord(out long line, out var problem))
                {
                    string? value = null;
                    bool taken = problem is null && source.CurrentRecordOnly(Columnar) && Summary(source, out value);
                    events.Add(taken ? $"row {line} at {source.BytesRead} taken {value}" : $"row {line} at {source.BytesRead} text {Text(source.Materialize(line, problem))}");
                }
            }

            events.Add("end");
        }
        catch (CliException ex)
        {
            events.Add("error " + ex.Message);
        }

        return events;

        static string Text(InputRow row) => $"{row.Line} {row.Problem} {string.Join("|", row.Values)}";
    }

    /// <summary>A span parser for tests: the id, ARR and name as read; it takes only a record with an id.</summary>
    private static bool Summary<TFields>(TFields fields, out string value)
        where TFields : ISpanFields
    {
        value = $"{Convert.ToHexString(fields.Span(InputSchema.AccountId))}|{Convert.ToHexString(fields.Span(InputSchema.Arr))}|{Convert.ToHexString(fields.Span(InputSchema.Name))}";
        return !fields.Span(InputSchema.AccountId).IsEmpty;
    }

    private static bool HeadHasSyntaxError(byte[] bytes)
        => JsonRecordReader.HasSyntaxError(bytes.AsSpan(0, Math.Min(bytes.Length, JsonRecordReader.FirstRead)), bytes.Length <= JsonRecordReader.FirstRead);

    private static string Difference(List<string> whole, List<string> blocks)
    {
        int i = 0;
        while (i < whole.Count && i < blocks.Count && whole[i] == blocks[i])
        {
            i++;
        }

        return i == whole.Count && i == blocks.Count ? "same" : $"event {i}:\n  whole:  {(i < whole.Count ? whole[i] : "(none)")}\n  blocks: {(i < blocks.Count ? blocks[i] : "(none)")}";
    }

    /// <summary>A JSON book, the block size to read it in and the threads to read it on.</summary>
    public sealed record Book(byte[] Bytes, int BlockBytes, int Workers)
    {
        public override string ToString()
        {
            string text = Encoding.UTF8.GetString(Bytes);
            return $"blocks of {BlockBytes} on {Workers}: {(text.Length > 3000 ? "…" + text[^3000..] : text)}";
        }
    }

    public static class Books
    {
        /// <summary>Stand for bytes that are not UTF-8 (a byte that never is, a sequence cut short), put in after the text is encoded.</summary>
        private const string NotUtf8 = "<FF>", CutUtf8 = "<C3>";

        private static readonly string[] Names =
        [
            "accountId", "arr", "name", "segment", "plan", "planFit", "velocity", "engagement", "champion", "triggers",
            "seatsPurchased", "seatsActive", "renewalDate", "healthScore", "openP1P2Tickets", "contractStartDate",
            "triggerEvents", "seatSaturation", "daysToRenewal", "account_id", "ARR", "\\u0061rr", "ownerEmail", "OWNEREMAIL",
            "x},{y", "caf\u00e9", "\\\"quoted\\\"", "",
        ];

        private static readonly string[] PlainNames =
        [
            "accountId", "arr", "name", "segment", "plan", "planFit", "velocity", "engagement", "champion", "triggers",
            "seatsPurchased", "seatsActive", "renewalDate", "healthScore", "openP1P2Tickets", "contractStartDate",
            "triggerEvents", "daysToRenewal", "ownerEmail", "OwnerEmail", "x},{y", "caf\u00e9", "",
            "contract_start_date", "aVeryLongUnknownFieldNameIndeed", "openP1P2TicketsOpenP1P2T", "contractStartDatf",
        ];

        private static readonly string[] Strings =
        [
            "plain", "", "Acme", "SMB", "MidMarket", "Pro", "2026-11-30", "}, {", "},{\\\"accountId\\\": \\\"x\\\"}", "a\\\"b",
            "back\\\\slash", "\\u00e9t\\u00e9", "\u00e9t\u00e9", "\ud83d\ude00", "\\ud83d\\ude00", "\\ud800 lone", "tab\\tx",
            "[1,2]", "// not a comment", "/* nor this */", "  spaced  ", "line\\nbreak", "\\/", "{", "}", ",", "\\\\",
            "not UTF-8: " + NotUtf8, "cut " + CutUtf8, "The quick brown fox jumps over the lazy dog, and back again",
            "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale, long enough for two vectors", "0123456789abcdef\u00e9 after one vector",
            "0123456789abcdef0123456789abcdef" + NotUtf8, "0123456789abcde\\\"", "0123456789abcdef0123456789\\n",
            "x" + NotUtf8 + " then a tail past the first vector",
        ];

        private static readonly string[] Numbers = ["0", "12", "-3", "1.5", "1e3", "2E-2", "100.25", "-0", "99999999999", "50", "1000"];

        private static readonly string[] Comments = ["/* c */", "// line\n", "/* }, { \"a\": \"b\" */", "/* two\nlines }, { */", "// }, {\n", "/**/", "/* \" */"];

        private static readonly string[] Breaks = ["x", ",", "{", "}", "\"", "]", "[", ":", "/", "\\", "\u00e9", "\n", "nul", "1.", "-"];

        public static Arbitrary<Book> All() =>
            (from padded in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
             from elements in Gen.ListOf(Element()).Select(e => e.ToList())
             from gaps in Gen.ArrayOf(Gap(), 2 * (elements.Count + 3))
             from trailing in Gen.Frequency((5, Gen.Constant(string.Empty)), (1, Gen.Constant(",")))
             from crlf in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
             from bom in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
             from broken in Gen.Frequency((3, Gen.Constant(-1)), (1, Gen.Choose(0, 1000)))
             from breakWith in Gen.Elements(Breaks)
             from blockBytes in padded ? Gen.Choose(64, 2048) : Gen.Frequency((3, Gen.Choose(1, 64)), (1, Gen.Choose(65, 600)))
             from workers in Gen.Choose(1, 3)
             select new Book(Build(padded, elements, gaps, trailing, crlf, bom, broken, breakWith), blockBytes, workers)).ToArbitrary();

        private static byte[] Build(bool padded, List<string> elements, string[] gaps, string trailing, bool crlf, bool bom, int broken, string breakWith)
        {
            var sb = new StringBuilder();
            sb.Append(gaps[0]).Append('[').Append(gaps[1]);
            int tail = 0;
            if (padded)
            {
                // Plain rows past the first 64 KiB, so that what follows, errors too, is read in blocks.
                for (int i = 0; sb.Length <= JsonRecordReader.FirstRead; i++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{{\"accountId\": \"p{i}\", \"name\": \"Padding {i}\", \"arr\": {1000 + i}, \"planFit\": {i % 101}, \"renewalDate\": null}},\n");
                }

                tail = sb.Length;
                if (elements.Count == 0)
                {
                    elements.Add("{}");
                }
            }

            for (int i = 0; i < elements.Count; i++)
            {
                sb.Append(elements[i]);
                if (i < elements.Count - 1)
                {
                    sb.Append(gaps[2 + (2 * i)]).Append(',').Append(gaps[3 + (2 * i)]);
                }
            }

            sb.Append(elements.Count > 0 ? trailing : string.Empty).Append(gaps[^2]).Append(']').Append(gaps[^1]);
            string text = sb.ToString();
            if (crlf)
            {
                text = text.Replace("\n", "\r\n", StringComparison.Ordinal);
            }

            if (broken >= 0)
            {
                // One break in the book, after the padding when there is one: a character in, one out, or the end cut off.
                int at = tail + (broken % Math.Max(1, text.Length - tail));
                text = (broken % 3) switch
                {
                    0 => text.Insert(at, breakWith),
                    1 => text.Remove(at, Math.Min(1, text.Length - at)),
                    _ => text[..at],
                };
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text.Replace(NotUtf8, "\uFFFF", StringComparison.Ordinal).Replace(CutUtf8, "\uFFFE", StringComparison.Ordinal));
            bytes = Replace(Replace(bytes, "\uFFFF"u8, 0xFF), "\uFFFE"u8, 0xC3);
            return bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes;
        }

        private static byte[] Replace(byte[] bytes, ReadOnlySpan<byte> marker, byte with)
        {
            var result = new List<byte>(bytes.Length);
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes.AsSpan(i).StartsWith(marker))
                {
                    result.Add(with);
                    i += marker.Length - 1;
                }
                else
                {
                    result.Add(bytes[i]);
                }
            }

            return [.. result];
        }

        private static Gen<string> Space() => Gen.Elements(string.Empty, " ", "  ", "\n", "\n  ", "\t", "\n\n", " \n  ", "\r\n");

        private static Gen<string> Gap() => Gen.Frequency(
            (8, Space()),
            (1, from before in Space() from comment in Gen.Elements(Comments) from after in Space() select before + comment + after));

        private static Gen<string> Value() => Gen.Frequency(
            (6, Gen.Elements(Strings).Select(s => "\"" + s + "\"")),
            (5, Gen.Elements(Numbers)),
            (2, Gen.Elements("null", "true", "false")),
            (1, Gen.Elements("[\"funding_round@2026-11-01\", \"hiring_spree@2026-10-20\"]", "[]", "[\"a\", 3]", "{\"x\": [1, {\"y\": \"}\"}]}", "{}", "[{\"}\": \"{\"}]")));

        private static Gen<string> Property() =>
            from name in Gen.Elements(Names)
            from gaps in Gen.ArrayOf(Gap(), 2)
            from value in Value()
            select $"\"{name}\"{gaps[0]}:{gaps[1]}{value}";

        /// <summary>An object as an export writes it, which the scanner reads: plain names and values, spaces or line breaks (and now and then a name given twice).</summary>
        private static Gen<string> PlainObject() =>
            from count in Gen.Choose(0, 12)
            from names in Gen.ArrayOf(Gen.Elements(PlainNames), count)
            from values in Gen.ArrayOf(PlainValue(), count)
            from spaces in Gen.ArrayOf(Gen.Elements(string.Empty, " ", " ", "\n    ", "\t"), (4 * count) + 2)
            select "{" + spaces[0] + string.Join(",", names.Select((n, i) => $"{spaces[(4 * i) + 1]}\"{n}\"{spaces[(4 * i) + 2]}:{spaces[(4 * i) + 3]}{values[i]}{spaces[(4 * i) + 4]}")) + spaces[^1] + "}";

        private static Gen<string> PlainValue() => Gen.Frequency(
            (6, Gen.Elements(Strings).Where(v => !v.Contains('\\', StringComparison.Ordinal)).Select(v => "\"" + v + "\"")),
            (5, Gen.Elements(Numbers)),
            (2, Gen.Elements("null", "true", "false")));

        private static Gen<string> Element() => Gen.Frequency(
            (12, PlainObject()),
            (6, from properties in Gen.ListOf(Property())
                 from gaps in Gen.ArrayOf(Gap(), 2 * (properties.Count + 1))
                 from trailing in Gen.Frequency((8, Gen.Constant(string.Empty)), (1, Gen.Constant(",")))
                 select "{" + gaps[0] + string.Concat(properties.Select((p, i) => (i > 0 ? gaps[2 * i] + "," + gaps[(2 * i) + 1] : string.Empty) + p))
                     + (properties.Count > 0 ? trailing : string.Empty) + gaps[^1] + "}"),
            (1, Value()));
    }
}
