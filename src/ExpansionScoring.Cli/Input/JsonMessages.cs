namespace ExpansionScoring.Cli.Input;

/// <summary>Trims System.Text.Json's messages for people: the tool states the file and line itself.</summary>
internal static class JsonMessages
{
    public static string WithoutPosition(string message)
    {
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
}
