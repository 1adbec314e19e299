namespace ExpansionScoring.Cli.Configuration;

/// <summary>JSON files the tool reads whole (configuration, a JSON history) must be UTF-8; an invalid byte is named by its line.</summary>
internal static class Utf8Check
{
    /// <summary>Returns <paramref name="bytes"/> when they are UTF-8.</summary>
    /// <exception cref="CliException">They are not; the message names <paramref name="source"/> and the line of the first invalid byte.</exception>
    public static byte[] Require(byte[] bytes, string source)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return bytes;
        }

        int valid = 0;
        while (System.Text.Rune.DecodeFromUtf8(bytes.AsSpan(valid), out _, out int length) == System.Buffers.OperationStatus.Done)
        {
            valid += length;
        }

        int line = bytes.AsSpan(0, valid).Count((byte)'\n') + 1;
        throw new CliException($"{source}, line {line}: not valid UTF-8 (save the file as UTF-8)");
    }
}
