using System.Text;

namespace ExpansionScoring.Cli.Output;

/// <summary>
/// Makes text from input safe to show on a terminal: control characters (escape sequences, carriage returns, C1
/// controls) and bidirectional overrides are replaced by visible stand-ins (U+241B "␛" for ESC), so a name or a
/// rejected value can neither recolour, move the cursor, retitle the terminal nor reorder what is shown. Line feeds and
/// tabs are kept.
/// </summary>
internal static class TerminalText
{
    /// <summary>The most characters a table cell shows; a longer value is cut with "…" (the value itself is untouched in CSV and JSON).</summary>
    public const int MaxCellChars = 80;

    public static bool NeedsNeutralising(char c)
        => (char.IsControl(c) && c is not '\n' and not '\t') || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Replaces every control character but line feed and tab with a visible stand-in.</summary>
    public static string Neutralise(string text)
    {
        int first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            builder.Append(NeedsNeutralising(c) ? StandIn(c) : c);
        }

        return builder.ToString();
    }

    /// <summary>The most characters a line of text around the tables (a headline quoting a name) shows.</summary>
    public const int MaxLineChars = 240;

    /// <summary>A table cell: at most <see cref="MaxCellChars"/> characters, on one line, neutralised.</summary>
    public static string Cell(string? text) => Cut(text, MaxCellChars);

    /// <summary>A line of text: at most <see cref="MaxLineChars"/> characters, on one line, neutralised.</summary>
    public static string Line(string? text) => Cut(text, MaxLineChars);

    private static string Cut(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        string shown = text;
        if (shown.Length > max)
        {
            int cut = max - 1;
            if (char.IsHighSurrogate(shown[cut - 1]))
            {
                cut--;
            }

            shown = string.Concat(shown.AsSpan(0, cut), "…");
        }

        return Neutralise(shown.Replace('\n', ' ').Replace('\t', ' '));
    }

    private static int IndexOfUnsafe(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (NeedsNeutralising(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // C0 controls have pictures at U+2400 + code (␛ for ESC, ␍ for CR); DEL is ␡; the rest show as U+FFFD.
    private static char StandIn(char c) => c switch
    {
        < '\u0020' => (char)('\u2400' + c),
        '\u007F' => '\u2421',
        _ => '\uFFFD',
    };
}

/// <summary>
/// Standard error as the tool writes its messages to it: every message passes <see cref="TerminalText.Neutralise"/>,
/// since messages quote input (ids, rejected values, file names). The progress display writes to <see cref="Inner"/>.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public TextWriter Inner { get; } = inner;

    public override Encoding Encoding => Inner.Encoding;

    public override IFormatProvider FormatProvider => Inner.FormatProvider;

    public override string NewLine
    {
        get => Inner.NewLine;
#pragma warning disable CS8765 // matches TextWriter.NewLine's setter, which takes null for the default
        set => Inner.NewLine = value;
#pragma warning restore CS8765
    }

    public static TextWriter Unwrap(TextWriter writer) => writer is TerminalSafeWriter safe ? safe.Inner : writer;

    public override void Write(char value) => Inner.Write(TerminalText.NeedsNeutralising(value) ? TerminalText.Neutralise(value.ToString()) : value.ToString());

    public override void Write(string? value) => Inner.Write(value is null ? null : TerminalText.Neutralise(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Inner.WriteLine(value is null ? null : TerminalText.Neutralise(value));

    public override void WriteLine() => Inner.WriteLine();

    public override void Flush() => Inner.Flush();

    public override Task FlushAsync() => Inner.FlushAsync();

    public override Task FlushAsync(CancellationToken cancellationToken) => Inner.FlushAsync(cancellationToken);
}
