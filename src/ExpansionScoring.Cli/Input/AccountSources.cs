namespace ExpansionScoring.Cli.Input;

/// <summary>Opens the <c>INPUT</c> argument: a .csv or .json file, or <c>-</c> for CSV on standard input.</summary>
internal static class AccountSources
{
    /// <exception cref="CliException">The file is missing, is not CSV or JSON, is empty, or lacks a required column.</exception>
    public static IAccountSource Open(string input, TextReader stdin, InputSchema schema, Action<string> warn)
    {
        if (input == "-")
        {
            return CsvAccountSource.Open(stdin, "standard input", schema, warn);
        }

        if (Directory.Exists(input))
        {
            throw new CliException($"{input}: is a directory, not a file");
        }

        if (!File.Exists(input))
        {
            throw new CliException($"{input}: file not found");
        }

        string extension = Path.GetExtension(input).ToUpperInvariant();
        if (extension is not (".CSV" or ".JSON"))
        {
            throw new CliException($"{input}: not a CSV or JSON file (give a .csv or .json file, or - for CSV on standard input)");
        }

        var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return extension == ".CSV"
                ? CsvAccountSource.Open(stream, input, schema, stream.Length, warn)
                : new JsonAccountSource(stream, input, schema, stream.Length, warn);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
