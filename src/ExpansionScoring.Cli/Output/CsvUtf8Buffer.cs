using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;

namespace ExpansionScoring.Cli.Output;

/// <summary>
/// CSV records as UTF-8 bytes in a buffer of its own, field by field, written exactly as the tool's
/// <see cref="CsvWriter"/> writes them with the same options (RFC 4180 quoting when needed, the separator and line
/// end of the options, and the tool's formula protection: text that starts like a formula gets the escape character
/// in front, and quotes). A field that is already CSV (a name encoded once with <see cref="Field"/>) is copied as it is.
/// For writers that format rows on several threads and write the buffers out in order (<see cref="ExplainedCsvWriter"/>).
/// </summary>
/// <remarks>A property test holds every kind of field to the CSV library's bytes (<c>CsvUtf8BufferTests</c>).</remarks>
internal sealed class CsvUtf8Buffer
{
    private const byte Quote = (byte)'"';

    private readonly byte separator;
    private readonly byte[] newLine;
    private readonly IFormatProvider numbers;

    /// <summary>The escape put in front of text that starts like a formula; 0 when text is not protected.</summary>
    private readonly byte escape;

    /// <summary>Which ASCII characters start a formula.</summary>
    private readonly bool[] formulaStart = new bool[128];

    /// <summary>The bytes that make a field need quotes: the separator, the quote, CR and LF.</summary>
    private readonly SearchValues<byte> special;

    /// <summary>Whether a number formatted under the invariant culture can hold the separator (it cannot for , ; or tab), so must be checked.</summary>
    private readonly bool checkInvariantNumbers;

    /// <summary>Whether numbers are invariant and never hold the separator: written without a look.</summary>
    private readonly bool plainNumbers;

    private byte[] buffer;
    private byte[] scratch = new byte[256];
    private int length;
    private int fieldsInRecord;
    private int recordStart;

    /// <param name="options">The options the tool's CSV writer would have: separator, line end, formula protection and the culture of numbers.</param>
    /// <param name="capacity">The bytes to start with; the buffer grows as needed.</param>
    public CsvUtf8Buffer(CsvWriterOptions options, int capacity = 4096)
    {
        if (options.Separator > 127 || options.Mode != CsvMode.Rfc4180 || options.Quoting != CsvQuoting.WhenNeeded || options.ShouldQuote is not null)
        {
            throw new ArgumentException("Only RFC 4180 quoting when needed, with an ASCII separator, is written here.", nameof(options));
        }

        separator = (byte)options.Separator;
        newLine = Encoding.UTF8.GetBytes(options.NewLine);
        numbers = options.FormatProvider ?? CultureInfo.InvariantCulture;
        escape = options.Injection == CsvInjection.Escape ? (byte)options.InjectionEscape : (byte)0;
        foreach (char c in options.InjectionCharacters)
        {
            if (c < 128)
            {
                formulaStart[c] = true;
            }
        }

        special = SearchValues.Create([separator, Quote, (byte)'\r', (byte)'\n']);
        checkInvariantNumbers = "0123456789.-+EeNaInfity".Contains(options.Separator, StringComparison.Ordinal);
        InvariantNumbers = numbers is CultureInfo { Name: "" };
        plainNumbers = InvariantNumbers && !checkInvariantNumbers;
        buffer = new byte[Math.Max(capacity, 64)];
    }

    /// <summary>Gets whether numbers are written under the invariant culture, so the tool's own number texts (<see cref="Formatting"/>) are the library's.</summary>
    public bool InvariantNumbers { get; }

    /// <summary>Gets the records written since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, length);

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Clear()
    {
        length = 0;
        fieldsInRecord = 0;
        recordStart = 0;
    }

    /// <summary>Encodes one text field once, as <see cref="Text(ReadOnlySpan{char})"/> writes it, for <see cref="Field(ReadOnlySpan{byte})"/>.</summary>
    public byte[] Encode(string? text)
    {
        var one = new CsvUtf8Buffer(this);
        one.Text(text);
        return one.Written.ToArray();
    }

    /// <summary>Writes a field that is CSV already (from <see cref="Encode"/>), as it is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Field(ReadOnlySpan<byte> csv)
    {
        Separator();
        Append(csv);
    }

    /// <summary>Writes an empty field, as the CSV writer writes a missing value.</summary>
    public void Empty() => Separator();

    /// <summary>Writes text given as UTF-8 (valid UTF-8 with no NUL, which the caller replaces as <see cref="CsvOutput.Text"/> does).</summary>
    public void Text(ReadOnlySpan<byte> utf8)
    {
        Separator();
        Reserve(utf8.Length);
        utf8.CopyTo(buffer.AsSpan(length));
        Settle(utf8.Length, text: true);
    }

    /// <summary>Writes text, encoded as UTF-8 (a lone surrogate becomes U+FFFD, as the CSV writer encodes it).</summary>
    public void Text(ReadOnlySpan<char> text)
    {
        Separator();
        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        Settle(Encoding.UTF8.GetBytes(text, buffer.AsSpan(length)), text: true);
    }

    /// <summary>Writes text; <see langword="null"/> is an empty field.</summary>
    public void Text(string? text) => Text(text.AsSpan());

    /// <summary>Writes a number the tool formatted as UTF-8 under the options' culture: never protected, quoted only if it holds the separator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Number(ReadOnlySpan<byte> formatted)
    {
        Separator();
        if (plainNumbers)
        {
            Append(formatted);
            return;
        }

        Reserve(formatted.Length);
        formatted.CopyTo(buffer.AsSpan(length));
        Settle(formatted.Length, text: false);
    }

    /// <summary>Gets room for a number to be written in place as UTF-8 (under the options' culture), then given to <see cref="NumberWritten"/>; nothing is written until then.</summary>
    /// <param name="bytes">The most bytes the number may take.</param>
    public Span<byte> NumberRoom(int bytes)
    {
        Reserve(bytes + 1);
        return buffer.AsSpan(length + 1, bytes); // after the separator's place
    }

    /// <summary>Writes the number of <paramref name="written"/> bytes put in the <see cref="NumberRoom"/>, as <see cref="Number(ReadOnlySpan{byte})"/> would.</summary>
    public void NumberWritten(int written)
    {
        if (fieldsInRecord++ > 0)
        {
            buffer[length++] = separator;
        }
        else
        {
            buffer.AsSpan(length + 1, written).CopyTo(buffer.AsSpan(length));
        }

        if (plainNumbers)
        {
            length += written;
            return;
        }

        Settle(written, text: false);
    }

    /// <summary>Writes a number as the CSV writer formats it: the shortest text that round-trips, under the options' culture.</summary>
    public void Number(double value)
    {
        Span<byte> text = stackalloc byte[64];
        value.TryFormat(text, out int n, default, numbers); // 64 bytes hold any double in any culture's digits and signs
        Number(text[..n]);
    }

    /// <summary>Writes a whole number as the CSV writer formats it under the options' culture.</summary>
    public void Number(int value)
    {
        Span<byte> text = stackalloc byte[64];
        value.TryFormat(text, out int n, default, numbers);
        Number(text[..n]);
    }

    /// <summary>Ends the record with the options' line end; a record of one empty field is written <c>""</c>, so it is not read as a blank line.</summary>
    public void EndRecord()
    {
        if (fieldsInRecord == 1 && length == recordStart)
        {
            Append([Quote, Quote]);
        }

        Append(newLine);
        fieldsInRecord = 0;
        recordStart = length;
    }

    private CsvUtf8Buffer(CsvUtf8Buffer like)
    {
        separator = like.separator;
        newLine = like.newLine;
        numbers = like.numbers;
        escape = like.escape;
        formulaStart = like.formulaStart;
        special = like.special;
        checkInvariantNumbers = like.checkInvariantNumbers;
        plainNumbers = like.plainNumbers;
        InvariantNumbers = like.InvariantNumbers;
        buffer = new byte[64];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Separator()
    {
        if (fieldsInRecord++ > 0)
        {
            Reserve(1);
            buffer[length++] = separator;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        if (bytes.Length <= 8)
        {
            // Names and numbers are short: a loop beats the call to a general copy.
            var to = buffer.AsSpan(length, bytes.Length);
            for (int i = 0; i < bytes.Length; i++)
            {
                to[i] = bytes[i];
            }
        }
        else
        {
            bytes.CopyTo(buffer.AsSpan(length));
        }

        length += bytes.Length;
    }

    /// <summary>
    /// Keeps the field of <paramref name="n"/> bytes just put at the end of the buffer when it needs neither quotes nor
    /// protection (the usual case: it was written where it goes); otherwise writes it again, quoted, and for text that
    /// starts like a formula with the escape in front. Numbers are never protected.
    /// </summary>
    private void Settle(int n, bool text)
    {
        var field = new ReadOnlySpan<byte>(buffer, length, n);
        bool formula = text && escape != 0 && n > 0 && field[0] < 128 && formulaStart[field[0]];
        if (!formula && !field.ContainsAny(special))
        {
            length += n;
            return;
        }

        if (n > scratch.Length)
        {
            scratch = new byte[Math.Max(n, scratch.Length * 2)];
        }

        field.CopyTo(scratch);
        Quoted(new ReadOnlySpan<byte>(scratch, 0, n), formula ? escape : (byte)0);
    }

    /// <summary>Writes the field in quotes, each quote in it doubled, after <paramref name="prefix"/> when it is not 0.</summary>
    private void Quoted(ReadOnlySpan<byte> utf8, byte prefix)
    {
        Reserve((utf8.Length * 2) + 3);
        buffer[length++] = Quote;
        if (prefix != 0)
        {
            buffer[length++] = prefix;
        }

        while (true)
        {
            int at = utf8.IndexOf(Quote);
            if (at < 0)
            {
                utf8.CopyTo(buffer.AsSpan(length));
                length += utf8.Length;
                break;
            }

            utf8[..(at + 1)].CopyTo(buffer.AsSpan(length));
            length += at + 1;
            buffer[length++] = Quote;
            utf8 = utf8[(at + 1)..];
        }

        buffer[length++] = Quote;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reserve(int bytes)
    {
        if (length + bytes > buffer.Length)
        {
            Grow(bytes);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int bytes) => Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + bytes));
}
