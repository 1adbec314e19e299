namespace ExpansionScoring.Cli.Input;

/// <summary>Trims System.Text.Json's messages for people: the tool states the file and line itself.</summary>
internal static class JsonMessages
{
    private const string InvalidLiteral = "' is an invalid JSON literal.";

    public static string WithoutPosition(string message)
    {
        message = LiteralOnly(message);
        int cut = message.Length;
        foreach (string marker in (ReadOnlySpan<string>)[" Path:", " LineNumber:"])
        {
            int at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0 && at < cut)
            {
                cut = at;
            }
        }

        return message[..cut].TrimEnd(' ', '|', '.') + ".";
    }

    /// <summary>
    /// Quotes only the mistaken literal (<c>'nul' is an invalid JSON literal</c>): the reader quotes the rest of the
    /// bytes it was given from there, which may be the rest of the file's buffer, kilobytes that depend on where the
    /// buffer happened to end.
    /// </summary>
    private static string LiteralOnly(string message)
    {
        int end = message.LastIndexOf(InvalidLiteral, StringComparison.Ordinal);
        if (end <= 0 || message[0] != '\'')
        {
            return message;
        }

        int keep = 1;
        while (keep < end && keep < 64 && char.IsAsciiLetterOrDigit(message[keep]))
        {
            keep++;
        }

        return string.Concat(message.AsSpan(0, keep), message.AsSpan(end));
    }
}
